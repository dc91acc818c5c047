using Tailor.Domains.Suggestions;

namespace Tailor.Server.Api;

/// <summary>
/// The server's last look at an answer before the client gets it: names that break the request's hard options
/// (<see cref="NameConstraints"/>: suffixes, length, excluded words, validity) are dropped and at most
/// <see cref="SuggestionRequest.Count"/> are kept, in the suggester's order. Suggesters honour the options themselves,
/// so a compliant answer passes unchanged (same names, order and confidences); this only guards the API's promise
/// against a suggester that does not (yet) honour them. Nothing is re-ranked: include words, style and language are the
/// suggester's to weigh.
/// </summary>
public static class SuggestionOptionsCheck
{
    public static IReadOnlyList<DomainSuggestion> Apply(IReadOnlyList<DomainSuggestion> suggestions, SuggestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(request);
        var constraints = NameConstraints.For(request);
        return suggestions.Where(s => constraints.Allows(s.Domain)).Take(request.Count).ToList();
    }
}
