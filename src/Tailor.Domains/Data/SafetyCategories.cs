namespace Tailor.Domains.Data;

/// <summary>The reasons a request is refused (<see cref="DomainExample.Reason"/>).</summary>
public static class SafetyCategories
{
    public const string Sexual = "sexual";
    public const string Hate = "hate";
    public const string Violence = "violence-weapons";
    public const string Drugs = "illegal-drugs";
    public const string Scams = "scams-phishing";
    public const string SelfHarm = "self-harm";
    public const string Terrorism = "terrorism";
    public const string ChildExploitation = "child-exploitation";

    /// <summary>Every category, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Sexual, Hate, Violence, Drugs, Scams, SelfHarm, Terrorism, ChildExploitation];

    public static bool IsKnown(string category) => All.Contains(category, StringComparer.Ordinal);
}
