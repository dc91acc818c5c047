namespace Tailor.Sentiment.Metrics;

/// <summary>
/// The Wilson score interval for a binomial proportion. Chosen over a bootstrap for accuracy because it is
/// closed-form (no seed, no resampling cost) and stays inside [0, 1] even near 0 or 1 accuracy, unlike the normal approximation.
/// </summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public sealed record WilsonInterval(double Low, double High)
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval for <paramref name="successes"/> out of <paramref name="trials"/> at the given z (95% by default).</summary>
    public static WilsonInterval Compute(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return new WilsonInterval(0, 1);
        }
        double n = trials, p = successes / n, z2 = z * z;
        var center = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return new WilsonInterval(Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
