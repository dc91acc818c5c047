using System.Collections.Concurrent;
using Tailor.Domains.Suggestions;
using Tailor.Server.Batching;

namespace Tailor.Server.Tests;

/// <summary>A suggester that always throws, with a message that must never reach a client.</summary>
internal sealed class ThrowingSuggester : IDomainSuggester
{
    public const string Secret = "connection string Password=hunter2 at SecretPlace.cs:line 42";

    public string Name => "throwing";

    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Secret);
}

/// <summary>
/// A batch suggester that records each batch's size and answers every request with names built from its own
/// description (so each caller can check it got its own answer), after a short delay like a model would take.
/// </summary>
internal sealed class RecordingBatchSuggester(TimeSpan delay) : IBatchDomainSuggester
{
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public string Name => "recording";

    public async Task<IReadOnlyList<SuggestionResult>> SuggestBatchAsync(
        IReadOnlyList<SuggestionRequest> requests, CancellationToken cancellationToken = default)
    {
        BatchSizes.Enqueue(requests.Count);
        await Task.Delay(delay, cancellationToken);
        return requests.Select(r => SuggestionResult.Success([new DomainSuggestion(r.Description + ".com", 0.9)])).ToList();
    }
}
