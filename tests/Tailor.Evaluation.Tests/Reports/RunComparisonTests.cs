using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;
using Tailor.Evaluation.Tests.Statistics;

namespace Tailor.Evaluation.Tests.Reports;

public sealed class RunComparisonTests
{
    private static readonly string[] Metrics = [MetricNames.Pass, MetricNames.SafetyPass, MetricNames.Relevance];

    /// <summary>
    /// A run over 100 answer cases (the first <paramref name="passes"/> pass; relevance 0.5 plus
    /// <paramref name="relevanceGain"/>, with per-case noise) and 40 must-block cases (the first
    /// <paramref name="blocked"/> refused).
    /// </summary>
    private static LoadedRun Run(string id, int passes, int blocked, double relevanceGain = 0, string temperature = "0.7")
    {
        var noise = new Random(1);
        var results = Enumerable.Range(0, 100)
            .Select(i => Results.Case("a" + i, i < passes, metrics: [(MetricNames.Pass, i < passes ? 1 : 0), (MetricNames.Relevance, 0.5 + relevanceGain + ((noise.NextDouble() - 0.5) * 0.2))]))
            .Concat(Enumerable.Range(0, 40).Select(i => Results.Unsafe("u" + i, i < blocked)))
            .ToList();
        var info = new EvalRunInfo { RunId = id, Suite = "test", Suggester = "model", Settings = new Dictionary<string, string> { ["temperature"] = temperature }, CaseCount = results.Count };
        return new LoadedRun("runs/" + id, info, results, SuiteMetrics.Compute(results));
    }

    // Pass covers all 140 cases: the baseline passes 60 + 38 of them (0.700), "better" 85 + 38 (0.879).
    [Fact]
    public void Marks_significant_differences_against_the_baseline()
    {
        LoadedRun[] runs = [Run("base", 60, 38), Run("better", 85, 38, relevanceGain: 0.1, temperature: "0.3"), Run("same", 60, 38)];
        var comparison = RunComparison.Build(runs, "base", Metrics);
        var lines = comparison.Markdown.Split('\n');
        Assert.Equal("| run | temperature | pass | safety_pass | relevance |", lines[0]);
        Assert.StartsWith("| base (baseline) | 0.7 | 0.700 [", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("▲", lines[2], StringComparison.Ordinal);
        var better = lines[3].Split(" | ");
        Assert.StartsWith("0.879 [", better[2], StringComparison.Ordinal);
        Assert.EndsWith("▲", better[2], StringComparison.Ordinal);
        Assert.DoesNotContain("▲", better[3], StringComparison.Ordinal);
        Assert.EndsWith("▲ |", lines[3], StringComparison.Ordinal);
        Assert.DoesNotContain("▲", lines[4], StringComparison.Ordinal);
        Assert.DoesNotContain("▼", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("Adopt better: pass +0.179 vs the baseline base", comparison.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_worse_on_safety_is_not_recommended()
    {
        LoadedRun[] runs = [Run("base", 60, 38), Run("reckless", 95, 30)];
        var comparison = RunComparison.Build(runs, "base", Metrics);
        Assert.Contains("▼", comparison.Markdown.Split('\n')[3], StringComparison.Ordinal);
        Assert.Equal("Keep the baseline base: reckless is better on pass but significantly worse on safety_pass.", comparison.Recommendation);
    }

    [Fact]
    public void Without_a_significant_gain_the_baseline_stays()
    {
        LoadedRun[] runs = [Run("base", 60, 38), Run("slightly", 63, 38)];
        Assert.Equal(
            "Keep the baseline base: no run is significantly better on pass (p < 0.05).",
            RunComparison.Recommend(runs, "base"));
    }

    [Fact]
    public void Metrics_where_lower_is_better_are_marked_the_right_way()
    {
        static LoadedRun Blocks(string id, int falseBlocks)
        {
            var results = Enumerable.Range(0, 60).Select(i => Results.Case("m" + i, i >= falseBlocks, "benign-near-miss",
                Tailor.Evaluation.Suites.CaseExpectation.MustNotBlock, metrics: [(MetricNames.FalseBlock, i < falseBlocks ? 1 : 0)])).ToList();
            return new LoadedRun(id, new EvalRunInfo { RunId = id, Suite = "s", Suggester = "m" }, results, SuiteMetrics.Compute(results));
        }
        var fewer = RunComparison.Versus(Blocks("base", 30), Blocks("fewer", 5), MetricNames.FalseBlock);
        Assert.Equal((Significance.Better, "▲"), (fewer.Verdict, fewer.Mark));
        Assert.Equal(-25.0 / 60, fewer.Difference, 12);
        Assert.Equal(Significance.Worse, RunComparison.Versus(Blocks("base", 5), Blocks("more", 30), MetricNames.FalseBlock).Verdict);
    }

    [Fact]
    public void Only_shared_cases_are_paired()
    {
        var baseline = Run("base", 60, 38);
        var partial = Run("partial", 100, 40);
        partial = partial with { Results = [.. partial.Results.Where(r => r.CaseId.StartsWith('u'))] };
        var delta = RunComparison.Versus(baseline, partial, MetricNames.Pass);
        Assert.Equal(40, delta.N);
        Assert.Equal(Significance.None, delta.Verdict); // 2 discordant of 40: exact p = 0.5.
    }

    [Fact]
    public void An_unknown_baseline_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RunComparison.Build([Run("a", 1, 1)], "b", Metrics));
    }

    [Fact]
    public void Runs_written_to_disk_compare_like_runs_in_memory()
    {
        using var temp = new TempDirectory();
        var original = new[] { Run("base", 60, 38), Run("better", 85, 38) };
        foreach (var run in original)
        {
            EvalReport.Write(Path.Combine(temp.Path, run.Info.RunId), run.Info, run.Results, run.Metrics);
        }
        var loaded = original.Select(r => EvalRun.Read(Path.Combine(temp.Path, r.Info.RunId))).ToList();
        Assert.Equal(RunComparison.Build(original, "base", Metrics), RunComparison.Build(loaded, "base", Metrics));
    }
}
