using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Statistics;

/// <summary>
/// One row of the failure taxonomy: how many failed cases carry <see cref="Label"/>, that count's share of the failed
/// cases (labels overlap, so shares can sum past 1), and up to three example cases.
/// </summary>
public sealed record FailureCount(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("frequency")] double Frequency,
    [property: JsonPropertyName("examples")] IReadOnlyList<FailureExample> Examples);
