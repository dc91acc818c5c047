using Tailor.Evaluation.Judges;

namespace Tailor.Evaluation.Tests.Judges;

public sealed class JudgeAnswerReaderTests
{
    private const string Good =
        """{"relevance": 5, "memorability": 4, "brandability": 3, "appropriateness": 5, "overall": 4, "confidence": 0.9, "reason": "Good."}""";

    [Fact]
    public void A_complete_answer_is_read()
    {
        Assert.Equal(new JudgeScore(5, 4, 3, 5, 4, 0.9, "Good."), JudgeAnswerReader.Read(Good).Score);
    }

    [Fact]
    public void A_fenced_answer_and_integral_floats_are_accepted()
    {
        Assert.NotNull(JudgeAnswerReader.Read("```json\n" + Good + "\n```").Score);
        Assert.Equal(4, JudgeAnswerReader.Read(Good.Replace("\"overall\": 4", "\"overall\": 4.0", StringComparison.Ordinal)).Score!.Overall);
    }

    [Theory]
    [InlineData("", "not a JSON object")]
    [InlineData("scores: 4", "not a JSON object")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("""{"relevance": 5, "memorability": 4, "brandability": 3, "appropriateness": 5, "confidence": 0.9, "reason": "x"}""", "\"overall\" is missing")]
    [InlineData("""{"relevance": 0, "memorability": 4, "brandability": 3, "appropriateness": 5, "overall": 4, "confidence": 0.9, "reason": "x"}""", "\"relevance\" must be an integer from 1 to 5, not 0")]
    [InlineData("""{"relevance": 5, "memorability": 4, "brandability": 3, "appropriateness": 5, "overall": 3.5, "confidence": 0.9, "reason": "x"}""", "\"overall\" must be an integer from 1 to 5, not 3.5")]
    [InlineData("""{"relevance": 5, "memorability": "4", "brandability": 3, "appropriateness": 5, "overall": 4, "confidence": 0.9, "reason": "x"}""", "\"memorability\" must be an integer")]
    [InlineData("""{"relevance": 5, "memorability": 4, "brandability": 3, "appropriateness": 5, "overall": 4, "confidence": 1.5, "reason": "x"}""", "\"confidence\" must be a number from 0 to 1, not 1.5")]
    [InlineData("""{"relevance": 5, "memorability": 4, "brandability": 3, "appropriateness": 5, "overall": 4, "confidence": -0.1, "reason": "x"}""", "\"confidence\" must be a number from 0 to 1")]
    [InlineData("""{"relevance": 5, "memorability": 4, "brandability": 3, "appropriateness": 5, "overall": 4, "reason": "x"}""", "\"confidence\" is missing")]
    [InlineData("""{"relevance": 5, "memorability": 4, "brandability": 3, "appropriateness": 5, "overall": 4, "confidence": 0.5}""", "\"reason\" must be a string")]
    public void A_bad_answer_is_unusable_with_the_problem_said(string text, string problem)
    {
        var answer = JudgeAnswerReader.Read(text);

        Assert.Null(answer.Score);
        Assert.Contains(problem, answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bounds_of_the_scales_are_allowed()
    {
        var lowest = """{"relevance": 1, "memorability": 1, "brandability": 1, "appropriateness": 1, "overall": 1, "confidence": 0, "reason": ""}""";
        var highest = """{"relevance": 5, "memorability": 5, "brandability": 5, "appropriateness": 5, "overall": 5, "confidence": 1, "reason": "x"}""";

        Assert.Equal(new JudgeScore(1, 1, 1, 1, 1, 0, ""), JudgeAnswerReader.Read(lowest).Score);
        Assert.Equal(new JudgeScore(5, 5, 5, 5, 5, 1, "x"), JudgeAnswerReader.Read(highest).Score);
    }

    [Fact]
    public void A_score_becomes_llm_judge_metrics()
    {
        var metrics = new JudgeScore(5, 4, 3, 2, 4, 0.9, "x").ToMetrics();

        Assert.Equal(4, metrics[Scoring.MetricNames.LlmJudgeOverall]);
        Assert.Equal(5, metrics["llm_judge_relevance"]);
        Assert.Equal(0.9, metrics["llm_judge_confidence"]);
        Assert.Equal(6, metrics.Count);
    }
}
