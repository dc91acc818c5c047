namespace Tailor.Evaluation.Reports;

/// <summary>
/// A run against the baseline on one metric over their shared cases: the mean difference (run - baseline), the paired
/// test's p-value, how many cases were paired and the verdict.
/// </summary>
public sealed record MetricDelta(double Difference, double PValue, int N, Significance Verdict)
{
    /// <summary>"▲", "▼" or "".</summary>
    public string Mark => Verdict switch
    {
        Significance.Better => "▲",
        Significance.Worse => "▼",
        _ => "",
    };
}
