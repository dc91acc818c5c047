namespace Tailor.Evaluation.Statistics;

/// <summary>McNemar's test for paired binary outcomes.</summary>
public static class McNemar
{
    /// <summary>Below this many discordant pairs the exact binomial test is used (the chi-square is poor there).</summary>
    public const int ExactBelow = 25;

    /// <summary>
    /// Tests whether a and b (same cases, same order) pass at the same rate. With n = b01 + b10 discordant pairs the
    /// continuity-corrected statistic is chi² = (|b01 - b10| - 1)² / n (reported always; 0 when n = 0). When
    /// n &lt; 25 the p-value is the exact two-sided binomial one, p = min(1, 2 Σ_{k ≤ min(b01, b10)} C(n, k) / 2^n);
    /// otherwise it is the chi-square (1 degree of freedom) tail of chi², P(X > chi²) = erfc(√(chi² / 2)).
    /// No discordant pair gives p = 1.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static McNemarResult Test(IReadOnlyList<bool> a, IReadOnlyList<bool> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired samples differ in length ({a.Count} and {b.Count}).", nameof(b));
        }
        var b01 = a.Where((x, i) => !x && b[i]).Count();
        var b10 = a.Where((x, i) => x && !b[i]).Count();
        var n = b01 + b10;
        if (n == 0)
        {
            return new McNemarResult(0, 0, 0, 1);
        }
        var corrected = Math.Max(0, Math.Abs(b01 - b10) - 1);
        var chiSquare = (double)corrected * corrected / n;
        var p = n < ExactBelow ? ExactBinomialPValue(Math.Min(b01, b10), n) : ChiSquareOneTail(chiSquare);
        return new McNemarResult(b01, b10, chiSquare, p);
    }

    /// <summary>Two-sided exact binomial p-value of k or fewer successes in n fair trials: min(1, 2 P(X ≤ k)).</summary>
    internal static double ExactBinomialPValue(int k, int n)
    {
        var tail = 0.0;
        var coefficient = 1.0;
        for (var i = 0; i <= k; i++)
        {
            tail += coefficient;
            coefficient = coefficient * (n - i) / (i + 1);
        }
        return Math.Min(1, 2 * tail / Math.Pow(2, n));
    }

    /// <summary>Upper tail of the chi-square distribution with one degree of freedom: erfc(√(x / 2)).</summary>
    internal static double ChiSquareOneTail(double x) => Erfc(Math.Sqrt(x / 2));

    /// <summary>
    /// The complementary error function by the Chebyshev-fitted approximation of Numerical Recipes (erfcc), relative
    /// error below 1.2e-7 everywhere.
    /// </summary>
    internal static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var polynomial = -(z * z) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418
            + (t * (-0.18628806 + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587
            + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var result = t * Math.Exp(polynomial);
        return x >= 0 ? result : 2 - result;
    }
}
