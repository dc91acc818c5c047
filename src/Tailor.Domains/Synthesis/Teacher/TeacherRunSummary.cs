using System.Globalization;
using System.Text;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>What a teacher run did: rows written and why others were not, the endpoint's cost, and the teacher's answer quality.</summary>
/// <param name="SkippedAlreadyDone">Briefs whose rows the output file already held (a resumed run).</param>
/// <param name="Failed">Briefs given up after <see cref="TeacherOptions.MaxAnswerAttempts"/> unusable answers in a step.</param>
/// <param name="Duplicates">Briefs dropped because their company name or description was already in the file.</param>
/// <param name="NotStarted">Briefs left for a later run because the token budget was spent.</param>
/// <param name="Retries">Requests retried after rate limits, server errors, timeouts or broken connections.</param>
/// <param name="RawDomains">Domains the teacher returned in all its domain answers, usable or not.</param>
/// <param name="ValidRawDomains">Of those, the ones valid once trimmed and lower-cased, and not repeated within their answer.</param>
/// <param name="StrictJsonAnswers">Answers that were bare JSON objects with exactly the asked fields.</param>
/// <param name="TotalAnswers">Answers received, re-asks included.</param>
public sealed record TeacherRunSummary(
    int Written,
    int SkippedAlreadyDone,
    int Failed,
    int Duplicates,
    int NotStarted,
    int Retries,
    long PromptTokens,
    long CompletionTokens,
    bool BudgetExhausted,
    int RawDomains,
    int ValidRawDomains,
    int StrictJsonAnswers,
    int TotalAnswers)
{
    /// <summary>Share of returned domains that were valid (0 when none came back).</summary>
    public double ValidRawDomainShare => RawDomains == 0 ? 0 : (double)ValidRawDomains / RawDomains;

    /// <summary>Share of answers that were strictly formatted (0 when none came back).</summary>
    public double StrictJsonShare => TotalAnswers == 0 ? 0 : (double)StrictJsonAnswers / TotalAnswers;

    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The summary as a Markdown table, for run reports.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Teacher run | |");
        text.AppendLine("|---|---:|");
        Row(text, "Rows written", Written.ToString(CultureInfo.InvariantCulture));
        Row(text, "Already done (skipped)", SkippedAlreadyDone.ToString(CultureInfo.InvariantCulture));
        Row(text, "Failed briefs", Failed.ToString(CultureInfo.InvariantCulture));
        Row(text, "Duplicate companies dropped", Duplicates.ToString(CultureInfo.InvariantCulture));
        Row(text, "Not started", NotStarted.ToString(CultureInfo.InvariantCulture));
        Row(text, "Retries", Retries.ToString(CultureInfo.InvariantCulture));
        Row(text, "Prompt tokens", PromptTokens.ToString(CultureInfo.InvariantCulture));
        Row(text, "Completion tokens", CompletionTokens.ToString(CultureInfo.InvariantCulture));
        Row(text, "Token budget", BudgetExhausted ? "exhausted (run again to continue)" : "not exhausted");
        Row(text, "Valid domains in raw output", Share(ValidRawDomains, RawDomains));
        Row(text, "Strictly formatted JSON answers", Share(StrictJsonAnswers, TotalAnswers));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, string value) =>
        text.Append("| ").Append(name).Append(" | ").Append(value).AppendLine(" |");

    private static string Share(int part, int whole) => whole == 0
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{part}/{whole} ({100.0 * part / whole:F1}%)");
}
