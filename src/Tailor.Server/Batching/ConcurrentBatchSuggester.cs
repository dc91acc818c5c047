using Tailor.Domains.Suggestions;

namespace Tailor.Server.Batching;

/// <summary>
/// A plain <see cref="IDomainSuggester"/> as an <see cref="IBatchDomainSuggester"/>: the batch's requests run
/// concurrently. One failed request fails the whole batch, like a real batched model would.
/// </summary>
public sealed class ConcurrentBatchSuggester(IDomainSuggester suggester) : IBatchDomainSuggester
{
    private readonly IDomainSuggester _suggester = suggester ?? throw new ArgumentNullException(nameof(suggester));

    public string Name => _suggester.Name;

    public async Task<IReadOnlyList<SuggestionResult>> SuggestBatchAsync(
        IReadOnlyList<SuggestionRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return await Task.WhenAll(requests.Select(r => _suggester.SuggestAsync(r, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>The suggester itself when it batches, else this adapter around it.</summary>
    public static IBatchDomainSuggester For(IDomainSuggester suggester) =>
        suggester as IBatchDomainSuggester ?? new ConcurrentBatchSuggester(suggester);
}
