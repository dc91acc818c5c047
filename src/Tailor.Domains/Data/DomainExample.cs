using System.Text.Json.Serialization;

namespace Tailor.Domains.Data;

/// <summary>
/// One row of a domain-name dataset: a business description and either its reference domains (best first) or a
/// refusal with the reason category. Serialized as one JSON object per line with snake_case names.
/// </summary>
/// <remarks>
/// Synthetic and teacher rows carry 10 domains; real rows carry the one domain the company really uses.
/// <see cref="Group"/> is the company key: every row of one company (and every near-duplicate of it) lands in the
/// same split, which is what keeps validation scores honest.
/// </remarks>
public sealed record DomainExample
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("group")]
    public required string Group { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>Reference domains, best first; empty when <see cref="Blocked"/>.</summary>
    [JsonPropertyName("domains")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Domains { get; init; }

    [JsonPropertyName("blocked")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Blocked { get; init; }

    /// <summary>The <see cref="SafetyCategories"/> name when <see cref="Blocked"/>.</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary><see cref="ExampleKinds.Normal"/>, an edge-case tag, <see cref="ExampleKinds.Unsafe"/> or <see cref="ExampleKinds.BenignNearMiss"/>.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary><see cref="ExampleSources.Offline"/>, <see cref="ExampleSources.Real"/> or "teacher:&lt;model&gt;".</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>ISO 639-1 code of the description's language.</summary>
    [JsonPropertyName("lang")]
    public required string Lang { get; init; }

    /// <summary>The reference domains, or none for a blocked row.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> DomainList => Domains ?? [];
}
