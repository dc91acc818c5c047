namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// A description before naming: the text as the row stores it, the clean text the keywords are read from (before
/// capitals, typos or emoji were applied), extra offering phrases it lists, and what the text asks of the names.
/// </summary>
internal sealed record DraftRow(string Description, string CleanText)
{
    public IReadOnlyList<string> ExtraPhrases { get; init; } = [];

    /// <summary>The naming style the description asks for, if it asks.</summary>
    public NamingStyle? Style { get; init; }

    /// <summary>The only TLD the description accepts, if it names one.</summary>
    public string? RequiredTld { get; init; }
}
