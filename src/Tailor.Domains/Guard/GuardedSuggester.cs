using System.Globalization;
using Tailor.Domains.Suggestions;

namespace Tailor.Domains.Guard;

/// <summary>
/// Puts the safety guard around any suggester: a request the <see cref="SafetyGuard"/> blocks never reaches the inner
/// suggester and is refused with the guard's message and category (the guard reads the description and the request's
/// include words, which are client text that ends up in names); otherwise the inner suggester gets the whole request,
/// options and all, asking for a few more names than wanted; names <see cref="OutputScreen"/> rejects (unsafe words,
/// brand look-alikes) are dropped and the first <see cref="SuggestionRequest.Count"/> survivors are returned.
/// </summary>
public sealed class GuardedSuggester(IDomainSuggester inner, SafetyGuard guard) : IDomainSuggester
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

    public async Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = _guard.Check(request.Include.Count == 0 ? request.Description : request.Description + " " + string.Join(' ', request.Include));
        if (verdict.Blocked)
        {
            return SuggestionResult.Blocked(verdict.Message!, verdict.Category);
        }
        var result = await _inner.SuggestAsync(request with { Count = request.Count + SpareNames }, cancellationToken).ConfigureAwait(false);
        if (result.Status != SuggestionStatus.Success)
        {
            return result;
        }
        var kept = result.Suggestions.Where(s => OutputScreen.Check(s.Domain) is null).Take(request.Count).ToList();
        return result with { Suggestions = kept };
    }
}
