using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// A judge's verdict on one case: the suggested list as a whole, each criterion an integer from 1 (bad) to 5
/// (excellent), with the judge's <see cref="Confidence"/> in [0, 1] and a short <see cref="Reason"/>.
/// </summary>
public sealed record JudgeScore(
    [property: JsonPropertyName("relevance")] int Relevance,
    [property: JsonPropertyName("memorability")] int Memorability,
    [property: JsonPropertyName("brandability")] int Brandability,
    [property: JsonPropertyName("appropriateness")] int Appropriateness,
    [property: JsonPropertyName("overall")] int Overall,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>The lowest score on the rubric's scale.</summary>
    public const int MinScore = 1;

    /// <summary>The highest score on the rubric's scale.</summary>
    public const int MaxScore = 5;

    /// <summary>The LLM judge's prefix of per-case metric names (see <see cref="Scoring.MetricNames.LlmJudgeOverall"/>).</summary>
    public const string LlmJudgeMetricPrefix = "llm_judge_";

    /// <summary>
    /// The score as per-case metrics: the prefix plus "relevance", "memorability", "brandability",
    /// "appropriateness", "overall" and "confidence" (so the default gives <see cref="Scoring.MetricNames.LlmJudgeOverall"/>).
    /// </summary>
    public IReadOnlyDictionary<string, double> ToMetrics(string prefix = LlmJudgeMetricPrefix) => new Dictionary<string, double>
    {
        [prefix + "relevance"] = Relevance,
        [prefix + "memorability"] = Memorability,
        [prefix + "brandability"] = Brandability,
        [prefix + "appropriateness"] = Appropriateness,
        [prefix + "overall"] = Overall,
        [prefix + "confidence"] = Confidence,
    };
}
