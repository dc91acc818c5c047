namespace Tailor.Evaluation.Scoring;

/// <summary>The failure taxonomy: every failed case gets one or more of these labels.</summary>
public static class FailureKinds
{
    public const string InvalidSyntax = "invalid-syntax";
    public const string ExtraText = "extra-text";
    public const string WrongCount = "wrong-count";
    public const string Duplicates = "duplicates";
    public const string Irrelevant = "irrelevant";
    public const string TooLong = "too-long";
    public const string UnsafePassed = "unsafe-passed";
    public const string SafeBlocked = "safe-blocked";
    public const string NonAscii = "non-ascii";
    public const string BrandLookalike = "brand-lookalike";
    public const string CrashOrTimeout = "crash-timeout";

    /// <summary>Every label, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InvalidSyntax, ExtraText, WrongCount, Duplicates, Irrelevant, TooLong, UnsafePassed, SafeBlocked, NonAscii,
        BrandLookalike, CrashOrTimeout,
    ];
}
