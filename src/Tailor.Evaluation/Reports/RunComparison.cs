using System.Globalization;
using System.Text;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Reports;

/// <summary>
/// Several runs side by side (the seed reports' experiment tables): one row per run with its settings and each metric as
/// "value [low, high]" marked ▲/▼ where it is significantly better/worse than the baseline, plus a one-line
/// recommendation.
/// </summary>
public sealed record RunComparison(string Markdown, string Recommendation)
{
    /// <summary>Significance level of the marks and the recommendation.</summary>
    public const double Alpha = 0.05;

    /// <summary>The metric a run must improve to be recommended.</summary>
    public const string PrimaryMetric = MetricNames.Pass;

    /// <summary>Metrics a recommended run must not be significantly worse on.</summary>
    public static IReadOnlyList<string> SafetyMetrics { get; } = [MetricNames.SafetyPass, MetricNames.FalseBlock];

    /// <summary>
    /// Builds the table of <paramref name="runs"/> (in the given order) for <paramref name="metrics"/> against the run
    /// <paramref name="baselineRunId"/>, and the recommendation (<see cref="Recommend"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No run has the baseline's id.</exception>
    public static RunComparison Build(IReadOnlyList<LoadedRun> runs, string baselineRunId, IReadOnlyList<string> metrics, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(metrics);
        var baseline = Baseline(runs, baselineRunId);
        var settings = runs.SelectMany(r => r.Info.Settings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        List<string> headers = ["run", .. settings, .. metrics];
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
        text.Append("| ").Append(string.Join(" | ", headers.Select(_ => "---"))).Append(" |\n");
        foreach (var run in runs)
        {
            var isBaseline = ReferenceEquals(run, baseline);
            var cells = new List<string> { isBaseline ? run.Info.RunId + " (baseline)" : run.Info.RunId };
            cells.AddRange(settings.Select(k => run.Info.Settings.TryGetValue(k, out var v) ? v : ""));
            foreach (var metric in metrics)
            {
                var interval = SuiteValue(run, metric);
                var cell = interval is null ? "n/a" : NumberText.WithRange(interval);
                var mark = isBaseline || interval is null ? "" : Versus(baseline, run, metric, seed).Mark;
                cells.Add(mark.Length == 0 ? cell : cell + " " + mark);
            }
            text.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"\n▲/▼: significantly better/worse than the baseline (paired on shared cases, p < {Alpha}; McNemar for 0/1 metrics, sign-flip permutation test otherwise).\n");
        return new RunComparison(text.ToString(), Recommend(runs, baselineRunId, seed));
    }

    /// <summary>
    /// One line: the run significantly better than the baseline on <see cref="PrimaryMetric"/> and not significantly
    /// worse on any of <see cref="SafetyMetrics"/> (the largest pass gain if several), else "keep the baseline" and why.
    /// </summary>
    public static string Recommend(IReadOnlyList<LoadedRun> runs, string baselineRunId, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var baseline = Baseline(runs, baselineRunId);
        var better = runs.Where(r => !ReferenceEquals(r, baseline))
            .Select(r => (Run: r, Delta: Versus(baseline, r, PrimaryMetric, seed)))
            .Where(x => x.Delta.Verdict == Significance.Better)
            .OrderByDescending(x => x.Delta.Difference)
            .ToList();
        if (better.Count == 0)
        {
            return $"Keep the baseline {baseline.Info.RunId}: no run is significantly better on {PrimaryMetric} (p < {Alpha.ToString(CultureInfo.InvariantCulture)}).";
        }
        var unsafeReasons = new List<string>();
        foreach (var (run, delta) in better)
        {
            var worse = SafetyMetrics.Where(m => Versus(baseline, run, m, seed).Verdict == Significance.Worse).ToList();
            if (worse.Count == 0)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"Adopt {run.Info.RunId}: {PrimaryMetric} {Signed(delta.Difference)} vs the baseline {baseline.Info.RunId} (p = {delta.PValue:G2}, {delta.N} paired cases), not significantly worse on {string.Join(" or ", SafetyMetrics)}.");
            }
            unsafeReasons.Add($"{run.Info.RunId} is better on {PrimaryMetric} but significantly worse on {string.Join(" and ", worse)}");
        }
        return $"Keep the baseline {baseline.Info.RunId}: {string.Join("; ", unsafeReasons)}.";
    }

    /// <summary>
    /// <paramref name="run"/> against <paramref name="baseline"/> on <paramref name="metric"/> over the case ids both
    /// have the metric for: McNemar when every value is 0 or 1, else the paired sign-flip test; the verdict follows
    /// <see cref="MetricNames.HigherIsBetter"/> at p &lt; <see cref="Alpha"/>.
    /// </summary>
    public static MetricDelta Versus(LoadedRun baseline, LoadedRun run, string metric, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(run);
        var baseValues = ById(baseline, metric);
        var runValues = ById(run, metric);
        var shared = baseValues.Keys.Where(runValues.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (shared.Count == 0)
        {
            return new MetricDelta(double.NaN, 1, 0, Significance.None);
        }
        var a = shared.Select(id => baseValues[id]).ToList();
        var b = shared.Select(id => runValues[id]).ToList();
        var difference = b.Average() - a.Average();
        var p = a.Concat(b).All(v => v is 0 or 1)
            ? McNemar.Test([.. a.Select(v => v == 1)], [.. b.Select(v => v == 1)]).PValue
            : PairedComparison.Compare(a, b, seed: seed).PValue;
        var verdict = p >= Alpha || difference == 0
            ? Significance.None
            : (difference > 0) == MetricNames.HigherIsBetter(metric) ? Significance.Better : Significance.Worse;
        return new MetricDelta(difference, p, shared.Count, verdict);
    }

    private static LoadedRun Baseline(IReadOnlyList<LoadedRun> runs, string baselineRunId) =>
        runs.FirstOrDefault(r => string.Equals(r.Info.RunId, baselineRunId, StringComparison.Ordinal))
        ?? throw new ArgumentException($"No run has the baseline id '{baselineRunId}'.", nameof(baselineRunId));

    private static Interval? SuiteValue(LoadedRun run, string metric) =>
        run.Metrics.Overall.TryGetValue(metric, out var interval) ? interval : null;

    private static Dictionary<string, double> ById(LoadedRun run, string metric)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var result in run.Results)
        {
            if (result.Metrics.TryGetValue(metric, out var value))
            {
                values[result.CaseId] = value;
            }
        }
        return values;
    }

    private static string Signed(double value) => (value >= 0 ? "+" : "") + NumberText.Of(value);
}
