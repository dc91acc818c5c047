namespace Tailor.Domains.Suggestions;

/// <summary>
/// A suggester that answers many requests in one call, e.g. a model decoding many prompts as one batch. The server's
/// batcher groups concurrent clients' requests for it.
/// </summary>
public interface IBatchDomainSuggester
{
    /// <summary>A short name for reports, as <see cref="IDomainSuggester.Name"/>.</summary>
    string Name { get; }

    /// <summary>One result per request, in the same order.</summary>
    Task<IReadOnlyList<SuggestionResult>> SuggestBatchAsync(IReadOnlyList<SuggestionRequest> requests, CancellationToken cancellationToken = default);
}
