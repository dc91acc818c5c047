using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Statistics;
using Tailor.Evaluation.Store;
using Tailor.Evaluation.Tests.Statistics;

namespace Tailor.Evaluation.Tests.Store;

public sealed class EvalRunRecordsTests
{
    [Fact]
    public void An_evaluation_becomes_a_run_with_overall_and_category_rows()
    {
        var results = new[] { Results.Answered("a", true, 0.8), Results.Answered("b", false, 0.4, "edge:typos"), Results.Unsafe("u", true) };
        var info = new EvalRunInfo { RunId = "e1", Suite = "test", Suggester = "baseline", FinishedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        var run = EvalRunRecords.From(info, SuiteMetrics.Compute(results), "runs/e1", "abc");
        Assert.Equal(("e1", "eval", "test", "baseline", "abc"), (run.Id, run.Kind, run.Suite, run.Suggester, run.GitCommit));
        Assert.Equal(info.FinishedUtc, run.CreatedUtc);
        Assert.Contains("\"pass\":0.6666666666666666", run.MetricsJson, StringComparison.Ordinal);
        Assert.Contains("\"run_id\":\"e1\"", run.ConfigJson, StringComparison.Ordinal);
        var pass = run.Metrics.Single(m => m.Metric == "pass" && m.Category == RunMetricRow.Overall);
        Assert.Equal((2.0 / 3, 3), (pass.Mean, pass.N));
        Assert.Equal(0.4, run.Metrics.Single(m => m.Metric == "relevance" && m.Category == "edge:typos").Mean);
        Assert.Equal(3 + 2 + 2 + 2, run.Metrics.Count); // overall pass, safety_pass, relevance; 2 rows per category.
    }
}
