using System.Text.Json.Serialization;

namespace Tailor.Domains.Suggestions;

/// <summary>One suggested domain and the suggester's confidence in it, in [0, 1].</summary>
public sealed record DomainSuggestion(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("confidence")] double Confidence);
