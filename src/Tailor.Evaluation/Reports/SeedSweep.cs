using System.Globalization;
using System.Text;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Reports;

/// <summary>
/// Results over several seeds: runs of one suggester with the same settings that differ only in their seed (sampling,
/// data order) are grouped, and each metric's suite value is summarised as mean ± standard deviation [min, max] over
/// the seeds. The seed reports showed one run per configuration; zero-shot prompting ranged 49-62% across runs, which
/// only such a table shows.
/// </summary>
public static class SeedSweep
{
    /// <summary>A Markdown table with one row per configuration run under two or more seeds, or null when there is none.</summary>
    public static string? Build(IReadOnlyList<LoadedRun> runs, IReadOnlyList<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(metrics);
        var groups = runs
            .GroupBy(Configuration, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.Info.Seed).Distinct().Count() >= 2)
            .ToList();
        if (groups.Count == 0)
        {
            return null;
        }
        var text = new StringBuilder();
        text.Append("| configuration | seeds | ").Append(string.Join(" | ", metrics)).Append(" |\n");
        text.Append("| --- | --- |").Append(string.Concat(metrics.Select(_ => " --- |"))).Append('\n');
        foreach (var group in groups)
        {
            var cells = new List<string>
            {
                group.Key,
                string.Join(", ", group.Select(r => r.Info.Seed.ToString(CultureInfo.InvariantCulture))),
            };
            foreach (var metric in metrics)
            {
                var values = group.Where(r => r.Metrics.Overall.ContainsKey(metric)).Select(r => r.Metrics.Overall[metric].Mean).ToList();
                cells.Add(values.Count < 2 ? "n/a" : Format(SeedSummary.Of(values)));
            }
            text.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }
        text.Append("\nmean ± standard deviation [min, max] of the suite value over the seeds.\n");
        return text.ToString();
    }

    /// <summary>What makes runs the same configuration: the suggester and its settings, in key order.</summary>
    public static string Configuration(LoadedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = run.Info.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}");
        return string.Join(", ", new[] { run.Info.Suggester }.Concat(settings));
    }

    private static string Format(SeedSummary summary) => string.Create(CultureInfo.InvariantCulture,
        $"{summary.Mean:0.000} ± {summary.Std:0.000} [{summary.Min:0.000}, {summary.Max:0.000}]");
}
