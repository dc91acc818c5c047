namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// One fictional company: the facts a description is written from. <see cref="Key"/> is unique within a run and
/// becomes the row's group. Foreign-language companies carry their <see cref="Foreign"/> phrasing.
/// </summary>
internal sealed record CompanyProfile
{
    public required string Name { get; init; }

    public required string Key { get; init; }

    public required Industry Industry { get; init; }

    /// <summary>What the business is, without an article ("artisan bakery").</summary>
    public required string Noun { get; init; }

    /// <summary>Three distinct offerings, the first the most important.</summary>
    public required IReadOnlyList<string> Offerings { get; init; }

    public required string Audience { get; init; }

    public required string Benefit { get; init; }

    public required Place Place { get; init; }

    public required BusinessModel Model { get; init; }

    public required string Size { get; init; }

    public required Tone Tone { get; init; }

    public required string Value { get; init; }

    public required string Adjective { get; init; }

    public required string Founder { get; init; }

    public required int Founded { get; init; }

    /// <summary>"en", or the language of <see cref="Foreign"/>.</summary>
    public required string Lang { get; init; }

    public ForeignLanguage? Language { get; init; }

    public ForeignIndustry? Foreign { get; init; }

    /// <summary>The founder's first name.</summary>
    public string FounderFirstName => Founder.Split(' ')[0];
}
