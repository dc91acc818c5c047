using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Statistics;

/// <summary>
/// A paired comparison of two runs on the same cases: the mean of the per-case differences (b - a) with its bootstrap
/// interval, and the two-sided sign-flip permutation p-value for "no difference".
/// </summary>
public sealed record PairedResult(
    [property: JsonPropertyName("mean_difference")] double MeanDifference,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("p_value")] double PValue,
    [property: JsonPropertyName("n")] int N);
