namespace Tailor.Evaluation.Store;

/// <summary>
/// One metric's interval in one category of a run (a <c>run_metrics</c> row); <see cref="Category"/> is
/// <see cref="Overall"/> for the whole suite.
/// </summary>
public sealed record RunMetricRow(string Metric, string Category, double Mean, double Low, double High, int N)
{
    /// <summary>The category of suite-wide rows.</summary>
    public const string Overall = "*";
}
