using System.Globalization;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Reports;

/// <summary>How reports write numbers: three decimals for rates and scores, whole numbers from 100 up (latency, tokens).</summary>
public static class NumberText
{
    public static string Of(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString(Math.Abs(value) >= 100 ? "F0" : "F3", CultureInfo.InvariantCulture);

    /// <summary>"[low, high]".</summary>
    public static string Range(Interval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return $"[{Of(interval.Low)}, {Of(interval.High)}]";
    }

    /// <summary>"value [low, high]".</summary>
    public static string WithRange(Interval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return $"{Of(interval.Mean)} {Range(interval)}";
    }

    public static string Percent(double share) => (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
