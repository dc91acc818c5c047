using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Statistics;

/// <summary>
/// One metric's suite value over several runs that differ only in their seed: how much of a difference between
/// settings is just seed noise.
/// </summary>
public sealed record SeedSummary(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("std")] double Std,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("n")] int N)
{
    /// <summary>
    /// Mean, sample standard deviation √(Σ (x - mean)² / (n - 1)) (0 for a single run), min and max of
    /// <paramref name="values"/>; NaNs when there are none.
    /// </summary>
    public static SeedSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new SeedSummary(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }
        var mean = values.Average();
        var std = values.Count == 1 ? 0 : Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Count - 1));
        return new SeedSummary(mean, std, values.Min(), values.Max(), values.Count);
    }
}
