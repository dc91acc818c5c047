using Tailor.Evaluation.Metrics;
using Tailor.Evaluation.Scoring;

namespace Tailor.Evaluation.Tests.Metrics;

public class RubricJudgeTests
{
    private static SuggestionScore Name(string domain, bool valid, double relevance, double brandability, params string[] words) =>
        new() { Domain = domain, Valid = valid, Relevance = relevance, Brandability = brandability, Words = words };

    [Fact]
    public void Scores_follow_the_documented_formula()
    {
        var names = new[]
        {
            Name("breadly.com", true, 1, 0.8, "bread", "ly"),
            Name("paypa1.com", true, 0, 0.4, "paypa", "1"),
        };
        var scores = RubricJudge.Score(names, expectedCount: 2);
        Assert.Equal(1 + (4 * 0.5), scores.Relevance, 9);
        Assert.Equal(1 + (4 * 0.6), scores.Brandability, 9);
        // One valid brand lookalike out of two: 1 + 4 x 1 x 0.5 x 1 x 1.
        Assert.Equal(3, scores.Appropriateness, 9);
        var memorability = 1 + (4 * (RubricJudge.Memorability(names[0]) + RubricJudge.Memorability(names[1])) / 2);
        Assert.Equal(memorability, scores.Memorability, 9);
        Assert.Equal((0.35 * 3) + (0.2 * memorability) + (0.2 * 3.4) + (0.25 * 3), scores.Overall, 9);
    }

    [Fact]
    public void Memorability_of_breadly_com()
    {
        // Length 7 (fit 1), pronounceability: "dl" run of 2, vowels e,a,y 3/7 -> 1; two words -> word fit 1.
        Assert.Equal(1, RubricJudge.Memorability(Name("breadly.com", true, 1, 1, "bread", "ly")), 9);
    }

    [Fact]
    public void Wrong_count_duplicates_and_invalid_names_lower_appropriateness()
    {
        var names = new[] { Name("a-b.com", true, 0, 0), Name("a-b.com", true, 0, 0), Name("bad_.com", false, 0, 0) };
        // valid 2/3, distinct 2/3, count fit 1 - 7/10 = 0.3.
        var expected = 1 + (4 * (2.0 / 3) * (2.0 / 3) * 0.3);
        Assert.Equal(expected, RubricJudge.Score(names, 10).Appropriateness, 9);
    }

    [Fact]
    public void No_names_score_one_and_metrics_are_named()
    {
        var scores = RubricJudge.Score([], 10);
        Assert.Equal(new RubricScores(1, 1, 1, 1, 1), scores);
        Assert.Equal(
            ["rubric_relevance", "rubric_memorability", "rubric_brandability", "rubric_appropriateness", MetricNames.RubricOverall],
            scores.ToMetrics().Keys);
    }
}
