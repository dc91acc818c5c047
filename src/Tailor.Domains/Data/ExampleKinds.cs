namespace Tailor.Domains.Data;

/// <summary>The values of <see cref="DomainExample.Kind"/>.</summary>
public static class ExampleKinds
{
    public const string Normal = "normal";
    public const string Unsafe = "unsafe";
    public const string BenignNearMiss = "benign-near-miss";

    /// <summary>Edge-case tags start with this prefix, e.g. "edge:one-word".</summary>
    public const string EdgePrefix = "edge:";

    public const string OneWord = EdgePrefix + "one-word";
    public const string VeryLong = EdgePrefix + "very-long";
    public const string NonEnglish = EdgePrefix + "non-english";
    public const string Emoji = EdgePrefix + "emoji";
    public const string AllCaps = EdgePrefix + "all-caps";
    public const string Typos = EdgePrefix + "typos";
    public const string ServiceList = EdgePrefix + "service-list";
    public const string NameGiven = EdgePrefix + "name-given";
    public const string StyleRequest = EdgePrefix + "style-request";
    public const string AddressNumbers = EdgePrefix + "address-numbers";
    public const string PromptInjection = EdgePrefix + "prompt-injection";

    /// <summary>Every edge-case tag, in a fixed order.</summary>
    public static IReadOnlyList<string> EdgeCases { get; } =
    [
        OneWord, VeryLong, NonEnglish, Emoji, AllCaps, Typos, ServiceList, NameGiven, StyleRequest, AddressNumbers,
        PromptInjection,
    ];

    public static bool IsEdgeCase(string kind) => kind.StartsWith(EdgePrefix, StringComparison.Ordinal);

    public static bool IsKnown(string kind) =>
        kind is Normal or Unsafe or BenignNearMiss || EdgeCases.Contains(kind, StringComparer.Ordinal);
}
