namespace Tailor.Domains.Suggestions;

/// <summary>
/// What a suggester answered: ranked suggestions, or a refusal with a message and the safety category. The raw text a
/// model or endpoint produced is kept (when there is one) so the evaluator can judge its format before any clean-up;
/// token counts feed the cost metrics.
/// </summary>
public sealed record SuggestionResult(SuggestionStatus Status, IReadOnlyList<DomainSuggestion> Suggestions)
{
    /// <summary>Why the request was refused (or another note for the user).</summary>
    public string? Message { get; init; }

    /// <summary>The safety category of a refusal (a <see cref="Data.SafetyCategories"/> name) when known.</summary>
    public string? Category { get; init; }

    /// <summary>The model's or endpoint's text before parsing; null for suggesters that produce no text.</summary>
    public string? RawText { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public static SuggestionResult Success(IReadOnlyList<DomainSuggestion> suggestions) => new(SuggestionStatus.Success, suggestions);

    public static SuggestionResult Blocked(string message, string? category = null) =>
        new(SuggestionStatus.Blocked, []) { Message = message, Category = category };
}
