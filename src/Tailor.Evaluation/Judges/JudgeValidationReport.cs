using System.Globalization;
using System.Text;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// What is known about how far a judge can be trusted: its agreement with other raters (people or another judge),
/// its position bias and its self-consistency; any part may be missing where that check was not run.
/// </summary>
public sealed record JudgeValidationReport(
    string PromptVersion,
    string Model,
    IReadOnlyList<AgreementResult> Agreements,
    PositionBiasResult? PositionBias,
    SelfConsistencyResult? SelfConsistency)
{
    /// <summary>The report as a Markdown section (numbers invariant-formatted, "n/a" where undefined).</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Line(text, $"## Judge validation ({Model}, prompt {PromptVersion})");
        Line(text, "");
        if (Agreements.Count > 0)
        {
            Line(text, "### Agreement (overall score)");
            Line(text, "");
            Line(text, "| Rater A | Rater B | Cases | Spearman | Kappa | Quadratic kappa | Exact agreement | Mean abs. diff. |");
            Line(text, "|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var a in Agreements)
            {
                Line(text, $"| {a.RaterA} | {a.RaterB} | {a.Cases} | {F(a.Spearman)} | {F(a.Kappa)} | {F(a.QuadraticKappa)} | {Percent(a.ExactAgreement)} | {F(a.MeanAbsoluteDifference)} |");
            }
            Line(text, "");
        }
        if (PositionBias is { } bias)
        {
            Line(text, "### Position bias (suggester's order vs shuffled)");
            Line(text, "");
            Line(text, "| Cases | Mean abs. diff. | Mean signed diff. | Changed | Spearman |");
            Line(text, "|---:|---:|---:|---:|---:|");
            Line(text, $"| {bias.Cases} | {F(bias.MeanAbsoluteDifference)} | {F(bias.MeanSignedDifference)} | {Percent(bias.ChangedShare)} | {F(bias.Spearman)} |");
            Line(text, "");
        }
        if (SelfConsistency is { } consistency)
        {
            Line(text, "### Self-consistency (repeated scoring, cache bypassed)");
            Line(text, "");
            Line(text, "| Repeats | Cases | Mean std. dev. | Unanimous | Pairwise kappa | Pairwise quadratic kappa |");
            Line(text, "|---:|---:|---:|---:|---:|---:|");
            Line(text, $"| {consistency.Repeats} | {consistency.Cases} | {F(consistency.MeanStdDev)} | {Percent(consistency.UnanimousShare)} | {F(consistency.MeanPairwiseKappa)} | {F(consistency.MeanPairwiseQuadraticKappa)} |");
            Line(text, "");
        }
        if (Agreements.Count == 0 && PositionBias is null && SelfConsistency is null)
        {
            Line(text, "No validation was run.");
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Percent(double value) =>
        double.IsNaN(value) ? "n/a" : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
