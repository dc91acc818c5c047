using Tailor.Evaluation.Judges;

namespace Tailor.Evaluation.Tests.Judges;

public sealed class JudgeValidationReportTests
{
    [Fact]
    public void The_markdown_holds_every_check_with_invariant_numbers()
    {
        var report = new JudgeValidationReport(
            JudgePrompts.Version,
            "gpt-test",
            [new AgreementResult("llm", "people", 40, 0.8123, 0.5, 0.75, 0.6, 0.45)],
            new PositionBiasResult(40, 0.25, -0.125, 0.2, 0.9, JudgeUsage.None),
            new SelfConsistencyResult(3, 40, 0.1, 0.9, 0.85, double.NaN, JudgeUsage.None));

        var markdown = report.ToMarkdown();

        Assert.Contains("## Judge validation (gpt-test, prompt judge-v1)", markdown, StringComparison.Ordinal);
        Assert.Contains("| llm | people | 40 | 0.812 | 0.500 | 0.750 | 60.0% | 0.450 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 40 | 0.250 | -0.125 | 20.0% | 0.900 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 3 | 40 | 0.100 | 90.0% | 0.850 | n/a |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_report_says_so()
    {
        Assert.Contains("No validation was run.", new JudgeValidationReport("judge-v1", "m", [], null, null).ToMarkdown(), StringComparison.Ordinal);
    }
}
