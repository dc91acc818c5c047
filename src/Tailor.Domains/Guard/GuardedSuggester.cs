using System.Globalization;
using Tailor.Domains.Suggestions;

namespace Tailor.Domains.Guard;

/// <summary>
/// Puts the safety guard around any suggester: a request the <see cref="SafetyGuard"/> blocks never reaches the inner
/// suggester and is refused with the guard's message and category (the guard reads the description and the request's
/// include words, which are client text that ends up in names); otherwise the inner suggester gets the whole request,
/// options and all; names <see cref="OutputScreen"/> rejects (unsafe words, brand look-alikes) are dropped, and when
/// that leaves fewer than <see cref="SuggestionRequest.Count"/> the inner suggester is asked again for
/// <see cref="SpareNames"/> more and the first <c>count</c> survivors are returned.
/// A batch is screened request by request and what passes goes to the inner suggester as one batch when it takes
/// batches (<see cref="IBatchDomainSuggester"/>).
/// </summary>
public sealed class GuardedSuggester(IDomainSuggester inner, SafetyGuard guard) : IDomainSuggester, IBatchDomainSuggester
{
    /// <summary>Extra names asked of the inner suggester so that screening still leaves enough.</summary>
    public const int SpareNames = 5;

    private readonly IDomainSuggester _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly SafetyGuard _guard = guard ?? throw new ArgumentNullException(nameof(guard));

    public string Name => "guarded:" + _inner.Name;

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(_inner.Settings, StringComparer.Ordinal)
    {
        ["guard_threshold"] = _guard.Model.Threshold.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public async Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default) =>
        (await SuggestBatchAsync([request], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<SuggestionResult>> SuggestBatchAsync(IReadOnlyList<SuggestionRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new SuggestionResult?[requests.Count];
        var passed = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(requests[i], nameof(requests));
            var request = requests[i];
            var verdict = _guard.Check(request.Include.Count == 0 ? request.Description : request.Description + " " + string.Join(' ', request.Include));
            if (verdict.Blocked)
            {
                results[i] = SuggestionResult.Blocked(verdict.Message!, verdict.Category);
            }
            else
            {
                passed.Add(i);
            }
        }
        // The inner suggester is asked for the count wanted (so its raw text is the answer a client would see); only
        // requests that lose names to the output screen are asked again, with spares.
        var answers = await AskAsync(passed.Select(i => requests[i]).ToList(), cancellationToken).ConfigureAwait(false);
        var retry = Enumerable.Range(0, passed.Count)
            .Where(k => answers[k].Status == SuggestionStatus.Success && Screened(answers[k]).Count < requests[passed[k]].Count)
            .ToList();
        if (retry.Count > 0)
        {
            var again = await AskAsync(retry.Select(k => requests[passed[k]] with { Count = requests[passed[k]].Count + SpareNames }).ToList(), cancellationToken)
                .ConfigureAwait(false);
            for (var r = 0; r < retry.Count; r++)
            {
                answers[retry[r]] = again[r];
            }
        }
        for (var k = 0; k < passed.Count; k++)
        {
            var result = answers[k];
            results[passed[k]] = result.Status != SuggestionStatus.Success
                ? result
                : result with { Suggestions = [.. Screened(result).Take(requests[passed[k]].Count)] };
        }
        return results!;
    }

    private static List<DomainSuggestion> Screened(SuggestionResult result) =>
        [.. result.Suggestions.Where(s => OutputScreen.Check(s.Domain) is null)];

    private async Task<SuggestionResult[]> AskAsync(List<SuggestionRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return [];
        }
        return _inner is IBatchDomainSuggester batch
            ? [.. await batch.SuggestBatchAsync(requests, cancellationToken).ConfigureAwait(false)]
            : await Task.WhenAll(requests.Select(r => _inner.SuggestAsync(r, cancellationToken))).ConfigureAwait(false);
    }
}
