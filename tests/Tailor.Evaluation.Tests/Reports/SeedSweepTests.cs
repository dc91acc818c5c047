using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;
using Tailor.Evaluation.Tests.Statistics;

namespace Tailor.Evaluation.Tests.Reports;

public sealed class SeedSweepTests
{
    private static LoadedRun Run(string id, int seed, int passes, string temperature = "0.7")
    {
        var results = Enumerable.Range(0, 10)
            .Select(i => Results.Case("c" + i, i < passes, metrics: [(MetricNames.Pass, i < passes ? 1 : 0)]))
            .ToList();
        var info = new EvalRunInfo
        {
            RunId = id, Suite = "s", Suggester = "model", Seed = seed, CaseCount = results.Count,
            Settings = new Dictionary<string, string> { ["temperature"] = temperature },
        };
        return new LoadedRun("runs/" + id, info, results, SuiteMetrics.Compute(results));
    }

    [Fact]
    public void Runs_differing_only_in_seed_are_summarised_as_mean_std_min_max()
    {
        // Pass rates 0.5, 0.6 and 0.9 over three seeds: mean 0.667, sample std 0.208.
        LoadedRun[] runs = [Run("a", 1, 5), Run("b", 2, 6), Run("c", 3, 9), Run("other", 1, 2, temperature: "0")];
        var table = SeedSweep.Build(runs, [MetricNames.Pass]);

        Assert.NotNull(table);
        var lines = table.Split('\n');
        Assert.Equal("| configuration | seeds | pass |", lines[0]);
        Assert.Equal("| model, temperature=0.7 | 1, 2, 3 | 0.667 ± 0.208 [0.500, 0.900] |", lines[2]);
        Assert.DoesNotContain("temperature=0 ", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_repeated_seeds_there_is_no_table() =>
        Assert.Null(SeedSweep.Build([Run("a", 1, 5), Run("b", 1, 6, temperature: "0.3")], [MetricNames.Pass]));
}
