namespace Tailor.Evaluation.Statistics;

/// <summary>Quantiles of sorted samples.</summary>
internal static class Quantiles
{
    /// <summary>
    /// The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/> by linear interpolation between order
    /// statistics (Hyndman and Fan type 7, the default of R and NumPy): h = (n - 1) p, q = x[floor h] + (h - floor h)
    /// (x[floor h + 1] - x[floor h]).
    /// </summary>
    public static double Of(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }
}
