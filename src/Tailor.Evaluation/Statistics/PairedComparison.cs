namespace Tailor.Evaluation.Statistics;

/// <summary>Paired tests of two runs scored on the same cases.</summary>
public static class PairedComparison
{
    /// <summary>Up to this many pairs every one of the 2^n sign patterns is enumerated (an exact p-value).</summary>
    private const int ExactLimit = 12;

    /// <summary>
    /// Compares <paramref name="b"/> with <paramref name="a"/> (same cases in the same order) through the differences
    /// d_i = b_i - a_i. The interval is the percentile bootstrap of mean(d) (<see cref="Bootstrap.MeanInterval"/>).
    /// The p-value is the two-sided sign-flip permutation test: under "no difference" each d_i is as likely to be
    /// -d_i, so p = (1 + #{flips with |mean(d*)| >= |mean(d)|}) / (1 + permutations), the flips drawn at random with
    /// <paramref name="seed"/>; for n &lt;= 12 all 2^n flips are enumerated and p = #{...} / 2^n exactly. Identical
    /// runs give p = 1. n = 0 gives NaN differences and p = 1.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static PairedResult Compare(
        IReadOnlyList<double> a,
        IReadOnlyList<double> b,
        int resamples = 2000,
        int permutations = 5000,
        double level = 0.95,
        int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired samples differ in length ({a.Count} and {b.Count}).", nameof(b));
        }
        var differences = a.Select((x, i) => b[i] - x).ToArray();
        var interval = Bootstrap.MeanInterval(differences, resamples, level, seed);
        var p = differences.Length == 0 ? 1.0 : SignFlipPValue(differences, permutations, seed);
        return new PairedResult(interval.Mean, interval.Low, interval.High, p, differences.Length);
    }

    /// <summary>Two-sided sign-flip permutation p-value of mean(d) = 0 (sums are compared: same n, same test).</summary>
    internal static double SignFlipPValue(double[] differences, int permutations, int seed)
    {
        var observed = Math.Abs(differences.Sum());
        // Sums equal up to rounding must count as "as extreme", or identical runs would not give p = 1.
        var threshold = observed - (1e-9 * (1 + differences.Sum(Math.Abs)));
        var n = differences.Length;
        if (n <= ExactLimit)
        {
            var patterns = 1 << n;
            var extreme = 0;
            for (var mask = 0; mask < patterns; mask++)
            {
                if (Math.Abs(FlippedSum(differences, i => (mask & (1 << i)) != 0)) >= threshold)
                {
                    extreme++;
                }
            }
            return (double)extreme / patterns;
        }
        var random = new Random(seed);
        var count = 0;
        for (var r = 0; r < permutations; r++)
        {
            if (Math.Abs(FlippedSum(differences, _ => random.Next(2) == 1)) >= threshold)
            {
                count++;
            }
        }
        return (1.0 + count) / (1.0 + permutations);
    }

    private static double FlippedSum(double[] differences, Func<int, bool> flip)
    {
        var sum = 0.0;
        for (var i = 0; i < differences.Length; i++)
        {
            sum += flip(i) ? -differences[i] : differences[i];
        }
        return sum;
    }
}
