using Tailor.Domains.Names;
using Tailor.Evaluation.Scoring;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// A deterministic judge that scores an answer 1-5 (continuous) from the lexical metrics, as a free, reproducible
/// companion of the LLM judge. Over the n returned names, with means taken over all of them:
/// <list type="bullet">
/// <item>relevance = 1 + 4 mean(relevance);</item>
/// <item>memorability = 1 + 4 mean(0.4 length fit + 0.4 pronounceability + 0.2 word fit), word fit 1 for one or two
/// segments, 0.5 for three, 0 for more (<see cref="Metrics.Brandability"/> gives length fit and pronounceability);</item>
/// <item>brandability = 1 + 4 mean(brandability);</item>
/// <item>appropriateness = 1 + 4 valid share x (1 - brand-lookalike share) x distinct share x count fit, count fit =
/// max(0, 1 - |n - expected| / expected);</item>
/// <item>overall = 0.35 relevance + 0.2 memorability + 0.2 brandability + 0.25 appropriateness.</item>
/// </list>
/// No names at all scores 1 everywhere.
/// </summary>
public static class RubricJudge
{
    public static RubricScores Score(IReadOnlyList<SuggestionScore> suggestions, int expectedCount)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedCount, 1);
        if (suggestions.Count == 0)
        {
            return new RubricScores(1, 1, 1, 1, 1);
        }
        var n = suggestions.Count;
        var relevance = 1 + (4 * suggestions.Average(s => s.Relevance));
        var memorability = 1 + (4 * suggestions.Average(Memorability));
        var brandability = 1 + (4 * suggestions.Average(s => s.Brandability));
        var validShare = (double)suggestions.Count(s => s.Valid) / n;
        var lookalikeShare = (double)suggestions.Count(s => BrandLookalike.Find(s.Domain) is not null) / n;
        var distinctShare = (double)suggestions.Select(s => Normalize(s.Domain)).Distinct(StringComparer.Ordinal).Count() / n;
        var countFit = Math.Max(0, 1 - ((double)Math.Abs(n - expectedCount) / expectedCount));
        var appropriateness = 1 + (4 * validShare * (1 - lookalikeShare) * distinctShare * countFit);
        var overall = (0.35 * relevance) + (0.2 * memorability) + (0.2 * brandability) + (0.25 * appropriateness);
        return new RubricScores(relevance, memorability, brandability, appropriateness, overall);
    }

    /// <summary>A name's memorability in [0, 1]: 0.4 length fit + 0.4 pronounceability + 0.2 word fit.</summary>
    public static double Memorability(SuggestionScore suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var brand = Metrics.Brandability.Score(suggestion.Domain);
        var words = suggestion.Words.Count > 0 ? suggestion.Words.Count : WordSegmenter.Default.Segment(suggestion.Domain.Split('.')[0]).Count;
        var wordFit = words <= 2 ? 1 : words == 3 ? 0.5 : 0;
        return (0.4 * brand.LengthFit) + (0.4 * brand.Pronounceability) + (0.2 * wordFit);
    }

    internal static string Normalize(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();
}
