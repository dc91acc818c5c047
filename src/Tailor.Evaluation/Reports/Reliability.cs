using Tailor.Evaluation.Scoring;

namespace Tailor.Evaluation.Reports;

/// <summary>The reliability (calibration) table of suggestion confidences.</summary>
public static class Reliability
{
    /// <summary>A name counts as relevant from this relevance on (relevance lies in [0, 1]).</summary>
    public const double RelevantFrom = 0.5;

    /// <summary>Equal-width confidence bins over [0, 1].</summary>
    public const int Bins = 5;

    /// <summary>
    /// Bins every suggestion of <paramref name="results"/> by confidence (bin i holds [i/5, (i+1)/5), the last one
    /// includes 1) and gives each non-empty bin its mean confidence and its rate of names that are valid with relevance
    /// ≥ 0.5. Empty when no suggestion states a confidence above 0 (the suggester gives none).
    /// </summary>
    public static IReadOnlyList<ReliabilityBin> Table(IEnumerable<CaseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var suggestions = results.SelectMany(r => r.Suggestions).ToList();
        if (!suggestions.Any(s => s.Confidence > 0))
        {
            return [];
        }
        return [.. suggestions
            .GroupBy(s => Math.Clamp((int)Math.Floor(s.Confidence * Bins), 0, Bins - 1))
            .OrderBy(g => g.Key)
            .Select(g => new ReliabilityBin(
                (double)g.Key / Bins,
                (double)(g.Key + 1) / Bins,
                g.Count(),
                g.Average(s => s.Confidence),
                g.Average(s => s.Valid && s.Relevance >= RelevantFrom ? 1.0 : 0.0)))];
    }
}
