namespace Tailor.Domains.Stats;

/// <summary>
/// Minimum, median, 95th percentile and maximum of some lengths. Percentiles are nearest-rank (the smallest value
/// with at least that share of values at or below it), so they are always values that occur; all zero when empty.
/// </summary>
public sealed record LengthSummary(int Count, int Min, int Median, int P95, int Max)
{
    public static LengthSummary Of(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LengthSummary(0, 0, 0, 0, 0);
        }
        int Rank(double share) => sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)];
        return new LengthSummary(sorted.Length, sorted[0], Rank(0.5), Rank(0.95), sorted[^1]);
    }
}
