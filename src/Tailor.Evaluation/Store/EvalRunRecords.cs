using System.Text.Json;
using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Store;

/// <summary>Turns a finished evaluation into the run store's record.</summary>
public static class EvalRunRecords
{
    /// <summary>
    /// Kind "eval"; config_json is the run's info (suggester, settings, seed, times); metrics_json the suite means; one
    /// metric row per overall metric (category <see cref="RunMetricRow.Overall"/>) and per category.
    /// </summary>
    public static RunRecord From(EvalRunInfo info, SuiteMetrics metrics, string directory, string? gitCommit = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(directory);
        var overall = metrics.Overall.Select(m => Row(m.Key, RunMetricRow.Overall, m.Value));
        var byCategory = metrics.ByCategory.SelectMany(c => c.Value.Select(m => Row(m.Key, c.Key, m.Value)));
        return new RunRecord
        {
            Id = info.RunId,
            CreatedUtc = info.FinishedUtc,
            Kind = "eval",
            Suite = info.Suite,
            Suggester = info.Suggester,
            ConfigJson = JsonSerializer.Serialize(info, EvalJson.Compact),
            MetricsJson = JsonSerializer.Serialize(metrics.Overall.ToDictionary(m => m.Key, m => m.Value.Mean), EvalJson.Compact),
            Directory = directory,
            GitCommit = gitCommit,
            Metrics = [.. overall, .. byCategory],
        };
    }

    private static RunMetricRow Row(string metric, string category, Interval interval) =>
        new(metric, category, interval.Mean, interval.Low, interval.High, interval.N);
}
