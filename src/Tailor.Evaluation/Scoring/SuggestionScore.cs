using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Scoring;

/// <summary>The scores of one suggested name.</summary>
public sealed record SuggestionScore
{
    [JsonPropertyName("domain")]
    public required string Domain { get; init; }

    [JsonPropertyName("confidence")]
    public double Confidence { get; init; }

    [JsonPropertyName("valid")]
    public bool Valid { get; init; }

    /// <summary>Why the name is invalid, or null.</summary>
    [JsonPropertyName("invalid_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InvalidReason { get; init; }

    [JsonPropertyName("relevance")]
    public double Relevance { get; init; }

    [JsonPropertyName("brandability")]
    public double Brandability { get; init; }

    [JsonPropertyName("embedding_cosine")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? EmbeddingCosine { get; init; }

    /// <summary>The words the name was segmented into (e.g. "getfreshbread" -> get, fresh, bread).</summary>
    [JsonPropertyName("words")]
    public IReadOnlyList<string> Words { get; init; } = [];
}
