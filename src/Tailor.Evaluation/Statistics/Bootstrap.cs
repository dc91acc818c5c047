namespace Tailor.Evaluation.Statistics;

/// <summary>Percentile-bootstrap confidence intervals of a mean.</summary>
public static class Bootstrap
{
    /// <summary>
    /// The mean of <paramref name="values"/> with a percentile-bootstrap interval: draw <paramref name="resamples"/>
    /// samples of size n with replacement, take each one's mean, and report the (1 - level) / 2 and
    /// (1 + level) / 2 quantiles of those means (type-7 interpolation). The interval is deterministic for a given
    /// <paramref name="seed"/>. n = 0 gives NaNs; n = 1 gives [x, x] (one value carries no spread). For small n the
    /// percentile interval is somewhat too narrow (it ignores the n / (n - 1) variance factor); for pass rates near 0
    /// or 1 it can be degenerate ([1, 1] when every case passed).
    /// </summary>
    public static Interval MeanInterval(IReadOnlyList<double> values, int resamples = 2000, double level = 0.95, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must lie strictly between 0 and 1.");
        }
        var n = values.Count;
        if (n == 0)
        {
            return new Interval(double.NaN, double.NaN, double.NaN, 0);
        }
        var mean = values.Average();
        if (n == 1)
        {
            return new Interval(mean, mean, mean, 1);
        }
        var means = ResampledMeans(values, resamples, new Random(seed));
        Array.Sort(means);
        var tail = (1 - level) / 2;
        return new Interval(mean, Quantiles.Of(means, tail), Quantiles.Of(means, 1 - tail), n);
    }

    /// <summary>Means of <paramref name="resamples"/> samples drawn with replacement from <paramref name="values"/>.</summary>
    internal static double[] ResampledMeans(IReadOnlyList<double> values, int resamples, Random random)
    {
        var n = values.Count;
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += values[random.Next(n)];
            }
            means[r] = sum / n;
        }
        return means;
    }
}
