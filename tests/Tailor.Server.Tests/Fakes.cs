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
/// A batch suggester that records each batch's size and requests and answers every request with a name built from
/// its own description (so each caller can check it got its own answer) on its first requested suffix (.com without
/// one), after a short delay like a model would take.
/// </summary>
internal sealed class RecordingBatchSuggester(TimeSpan delay) : IBatchDomainSuggester
{
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public ConcurrentQueue<SuggestionRequest> Requests { get; } = new();

    public string Name => "recording";

    public async Task<IReadOnlyList<SuggestionResult>> SuggestBatchAsync(
        IReadOnlyList<SuggestionRequest> requests, CancellationToken cancellationToken = default)
    {
        BatchSizes.Enqueue(requests.Count);
        foreach (var request in requests)
        {
            Requests.Enqueue(request);
        }
        await Task.Delay(delay, cancellationToken);
        return requests.Select(r => SuggestionResult.Success([new DomainSuggestion($"{r.Description}.{r.Tlds.FirstOrDefault() ?? "com"}", 0.9)])).ToList();
    }
}

/// <summary>A suggester that ignores every option and answers with fixed names, as one not yet honouring them would.</summary>
internal sealed class FixedSuggester(params string[] domains) : IDomainSuggester
{
    public string Name => "fixed";

    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(SuggestionResult.Success(RankConfidence.Rank(domains)));
}
