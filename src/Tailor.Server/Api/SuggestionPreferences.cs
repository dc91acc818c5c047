using Tailor.Domains.Suggestions;

namespace Tailor.Server.Api;

/// <summary>
/// The request options <see cref="SuggestionRequest"/> cannot carry, applied to the suggester's answer instead: the
/// suggester is asked for <see cref="Oversample"/> times as many names, names on other TLDs or with an excluded word
/// are dropped, names with an included word move to the front (otherwise in the suggester's order), and the first
/// <c>count</c> are kept. Style and language are not applied here: they need the suggester's help.
/// </summary>
public static class SuggestionPreferences
{
    public const int Oversample = 3;

    /// <summary>How many names to ask the suggester for.</summary>
    public static int AskFor(SuggestApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filters = request.Tlds.Count > 0 || request.Include.Count > 0 || request.Exclude.Count > 0;
        return filters ? request.Count * Oversample : request.Count;
    }

    public static IReadOnlyList<DomainSuggestion> Apply(IReadOnlyList<DomainSuggestion> suggestions, SuggestApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(request);
        var kept = suggestions
            .Where(s => request.Tlds.Count == 0 || request.Tlds.Any(tld => s.Domain.EndsWith("." + tld, StringComparison.OrdinalIgnoreCase)))
            .Where(s => !request.Exclude.Any(word => Label(s.Domain).Contains(word, StringComparison.OrdinalIgnoreCase)));
        if (request.Include.Count > 0)
        {
            // OrderBy is stable: within each group the suggester's ranking stands.
            kept = kept.OrderBy(s => request.Include.Any(word => Label(s.Domain).Contains(word, StringComparison.OrdinalIgnoreCase)) ? 0 : 1);
        }
        return kept.Take(request.Count).ToList();
    }

    /// <summary>The name without its top-level domain(s): what the words are looked for in.</summary>
    private static string Label(string domain)
    {
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? domain : domain[..dot];
    }
}
