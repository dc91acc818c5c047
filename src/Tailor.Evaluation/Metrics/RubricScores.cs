using Tailor.Evaluation.Scoring;

namespace Tailor.Evaluation.Metrics;

/// <summary>The rubric judge's scores of one answer, each in [1, 5] (see <see cref="RubricJudge"/>).</summary>
public sealed record RubricScores(double Relevance, double Memorability, double Brandability, double Appropriateness, double Overall)
{
    public const string Prefix = "rubric_";

    /// <summary>The scores as metrics: rubric_relevance, rubric_memorability, rubric_brandability,
    /// rubric_appropriateness and rubric_overall (<see cref="MetricNames.RubricOverall"/>).</summary>
    public IReadOnlyDictionary<string, double> ToMetrics() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [Prefix + "relevance"] = Relevance,
        [Prefix + "memorability"] = Memorability,
        [Prefix + "brandability"] = Brandability,
        [Prefix + "appropriateness"] = Appropriateness,
        [MetricNames.RubricOverall] = Overall,
    };
}
