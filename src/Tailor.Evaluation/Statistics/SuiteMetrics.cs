using System.Text.Json.Serialization;
using Tailor.Evaluation.Scoring;

namespace Tailor.Evaluation.Statistics;

/// <summary>
/// A run's suite-level numbers (<c>metrics.json</c>): for every metric any case has, its mean over the cases that have
/// it with a 95% bootstrap interval, overall, per <see cref="CaseResult.Category"/> and per expectation; and the
/// failure taxonomy over the failed cases.
/// </summary>
public sealed record SuiteMetrics
{
    [JsonPropertyName("cases")]
    public int Cases { get; init; }

    [JsonPropertyName("failed_cases")]
    public int FailedCases { get; init; }

    /// <summary>The bootstrap seed the intervals were drawn with.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    /// <summary>Metric -> interval over all cases that have the metric.</summary>
    [JsonPropertyName("overall")]
    public IReadOnlyDictionary<string, Interval> Overall { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Category -> metric -> interval.</summary>
    [JsonPropertyName("by_category")]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Interval>> ByCategory { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, Interval>>();

    /// <summary>Expectation ("answer", "must_block", "must_not_block") -> metric -> interval.</summary>
    [JsonPropertyName("by_expectation")]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Interval>> ByExpectation { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, Interval>>();

    /// <summary>Failure labels, most frequent first (ties in <see cref="FailureKinds.All"/> order, then by name).</summary>
    [JsonPropertyName("failures")]
    public IReadOnlyList<FailureCount> Failures { get; init; } = [];

    /// <summary>Computes every table from <paramref name="results"/>; the same seed gives the same intervals.</summary>
    public static SuiteMetrics Compute(IReadOnlyList<CaseResult> results, int seed = 0, int resamples = 2000)
    {
        ArgumentNullException.ThrowIfNull(results);
        var failed = results.Where(r => !r.Passed).ToList();
        return new SuiteMetrics
        {
            Cases = results.Count,
            FailedCases = failed.Count,
            Seed = seed,
            Overall = Intervals(results, seed, resamples),
            ByCategory = Grouped(results, r => r.Category, seed, resamples),
            ByExpectation = Grouped(results, r => ExpectationNames.Of(r.Expectation), seed, resamples),
            Failures = Taxonomy(failed),
        };
    }

    /// <summary>The per-case values of <paramref name="metric"/> of the cases that have it, in result order.</summary>
    public static IReadOnlyList<double> Values(IEnumerable<CaseResult> results, string metric)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Where(r => r.Metrics.ContainsKey(metric)).Select(r => r.Metrics[metric])];
    }

    private static Dictionary<string, Interval> Intervals(IReadOnlyList<CaseResult> results, int seed, int resamples) =>
        MetricOrder.Sort(results.SelectMany(r => r.Metrics.Keys)).ToDictionary(
            metric => metric,
            metric => Bootstrap.MeanInterval(Values(results, metric), resamples, seed: seed),
            StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyDictionary<string, Interval>> Grouped(
        IReadOnlyList<CaseResult> results, Func<CaseResult, string> key, int seed, int resamples) =>
        results.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, Interval>)Intervals([.. g], seed, resamples),
            StringComparer.Ordinal);

    private static List<FailureCount> Taxonomy(List<CaseResult> failed) =>
        [.. failed.SelectMany(r => r.Failures.Distinct(StringComparer.Ordinal).Select(label => (label, r)))
            .GroupBy(x => x.label, StringComparer.Ordinal)
            .Select(g => new FailureCount(
                g.Key,
                g.Count(),
                (double)g.Count() / failed.Count,
                [.. g.Take(3).Select(x => new FailureExample(x.r.CaseId, x.r.Description))]))
            .OrderByDescending(f => f.Count)
            .ThenBy(f => TaxonomyOrder(f.Label))
            .ThenBy(f => f.Label, StringComparer.Ordinal)];

    private static int TaxonomyOrder(string label)
    {
        for (var i = 0; i < FailureKinds.All.Count; i++)
        {
            if (string.Equals(FailureKinds.All[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return FailureKinds.All.Count;
    }
}
