namespace Tailor.Domains.Suggestions;

/// <summary>
/// A business description and what the client wants of the names: how many, on which top-level domains, how long,
/// in which style, with or without which words. Every suggester honours <see cref="Count"/>, <see cref="Tlds"/>,
/// <see cref="MaxLength"/> and <see cref="Exclude"/> (no name breaks them); <see cref="Style"/>,
/// <see cref="Include"/> and <see cref="Language"/> steer the ranking as far as the suggester can.
/// </summary>
public sealed record SuggestionRequest(string Description)
{
    public const int DefaultCount = 10;

    /// <summary>The label length <see cref="NameStyle.Short"/> allows at most.</summary>
    public const int ShortLabelLength = 8;

    public int Count { get; init; } = DefaultCount;

    /// <summary>Suffixes the names must end in ("com", "co.uk"; lower case, no leading dot); empty: the suggester's own list.</summary>
    public IReadOnlyList<string> Tlds { get; init; } = [];

    /// <summary>Longest label (the name before its suffix), 1..63; null: the suggester's default.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The kind of names wanted; null: the suggester's default (brandable).</summary>
    public NameStyle? Style { get; init; }

    /// <summary>Words the names should contain: names that do rank first.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Words no name may contain (in its label).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The description's language as a BCP 47 tag ("en", "fr"...); null: detect or ignore.</summary>
    public string? Language { get; init; }

    /// <summary>The label length the request allows: <see cref="MaxLength"/>, capped at <see cref="ShortLabelLength"/> for the short style.</summary>
    public int? EffectiveMaxLength => Style == NameStyle.Short ? Math.Min(ShortLabelLength, MaxLength ?? ShortLabelLength) : MaxLength;
}
