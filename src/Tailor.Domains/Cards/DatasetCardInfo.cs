using Tailor.Domains.Splits;

namespace Tailor.Domains.Cards;

/// <summary>
/// What the dataset card says about how the data was made, beyond what it can read from the data itself: the
/// title, the command line, the seed, the generator settings (in the order given) and any extra sections.
/// </summary>
public sealed record DatasetCardInfo(string Title, string CommandLine, int Seed)
{
    /// <summary>A paragraph under the title: what the dataset is for.</summary>
    public string? Summary { get; init; }

    /// <summary>Generator settings as name/value pairs, shown in this order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>How the splitter joined rows, when known.</summary>
    public SplitReport? Splitting { get; init; }

    /// <summary>Extra sections, appended in this order before the file list.</summary>
    public IReadOnlyList<CardSection> Sections { get; init; } = [];
}
