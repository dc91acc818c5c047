namespace Tailor.Server.Api;

/// <summary>
/// A validated POST /v1/suggest body. <see cref="Description"/> and <see cref="Count"/> reach the suggester; the
/// others are applied to its answer where that is possible (<see cref="SuggestionPreferences"/>) and are otherwise
/// carried for suggesters whose request can express them.
/// </summary>
/// <param name="Tlds">Top-level domains the names must end in (lower case, no dot), empty for any.</param>
/// <param name="Include">Words the names should contain (those that do rank first), empty for none.</param>
/// <param name="Exclude">Words no name may contain.</param>
/// <param name="Language">A BCP 47 language tag for the names, or null.</param>
public sealed record SuggestApiRequest(
    string Description,
    int Count,
    IReadOnlyList<string> Tlds,
    SuggestionStyle? Style,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Exclude,
    string? Language);
