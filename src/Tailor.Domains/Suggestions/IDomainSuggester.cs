namespace Tailor.Domains.Suggestions;

/// <summary>
/// Anything that maps a business description to ranked domain names or a refusal: a trained model with its decoding
/// settings, an OpenAI-compatible chat endpoint, or a rule-based baseline. The evaluator compares them on equal terms.
/// </summary>
public interface IDomainSuggester
{
    /// <summary>A short name for reports, e.g. "baseline" or "openai:gpt-4o-mini".</summary>
    string Name { get; }

    /// <summary>Settings that identify this suggester's behaviour, shown as columns in comparison tables.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default);
}
