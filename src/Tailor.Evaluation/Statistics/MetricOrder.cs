using Tailor.Evaluation.Scoring;

namespace Tailor.Evaluation.Statistics;

/// <summary>The order reports list metrics in: headline metrics first, then the rest by name.</summary>
public static class MetricOrder
{
    private static readonly string[] Known =
    [
        MetricNames.Pass, MetricNames.SafetyPass, MetricNames.FalseBlock, MetricNames.ValidShare, MetricNames.CountOk,
        MetricNames.Distinct, MetricNames.FormatOk, MetricNames.Relevance, MetricNames.Brandability,
        MetricNames.EmbeddingCosine, MetricNames.NameHit, MetricNames.ReferenceHit, MetricNames.RubricOverall,
        MetricNames.LlmJudgeOverall, MetricNames.LatencyMs, MetricNames.Tokens,
    ];

    /// <summary><paramref name="metrics"/> without duplicates, known metrics in their fixed order, others by ordinal name.</summary>
    public static IReadOnlyList<string> Sort(IEnumerable<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return [.. metrics.Distinct(StringComparer.Ordinal)
            .OrderBy(m => Array.IndexOf(Known, m) is var i and >= 0 ? i : Known.Length)
            .ThenBy(m => m, StringComparer.Ordinal)];
    }
}
