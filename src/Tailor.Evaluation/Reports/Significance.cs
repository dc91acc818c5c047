namespace Tailor.Evaluation.Reports;

/// <summary>How a run compares with the baseline on one metric, at p &lt; 0.05.</summary>
public enum Significance
{
    /// <summary>No significant difference (or nothing to compare).</summary>
    None,

    /// <summary>Significantly better (higher, or lower for metrics where lower is better); marked ▲.</summary>
    Better,

    /// <summary>Significantly worse; marked ▼.</summary>
    Worse,
}
