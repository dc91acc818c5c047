namespace Tailor.Domains.Suggestions;

/// <summary>A business description and how many names are wanted.</summary>
public sealed record SuggestionRequest(string Description)
{
    public const int DefaultCount = 10;

    public int Count { get; init; } = DefaultCount;
}
