using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Statistics;

/// <summary>
/// McNemar's test of two runs' pass/fail on the same cases. <see cref="B01"/> counts cases failed by a and passed by
/// b, <see cref="B10"/> the reverse; only these discordant cases carry information.
/// </summary>
public sealed record McNemarResult(
    [property: JsonPropertyName("b01")] int B01,
    [property: JsonPropertyName("b10")] int B10,
    [property: JsonPropertyName("chi_square")] double ChiSquare,
    [property: JsonPropertyName("p_value")] double PValue);
