using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Statistics;

/// <summary>
/// A mean with its confidence interval [<see cref="Low"/>, <see cref="High"/>] over <see cref="N"/> values. With no
/// values every number is NaN; with one value the interval is that value (a bootstrap cannot say more).
/// </summary>
public sealed record Interval(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("n")] int N)
{
    /// <summary>Whether <paramref name="value"/> lies inside the interval (bounds included).</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
