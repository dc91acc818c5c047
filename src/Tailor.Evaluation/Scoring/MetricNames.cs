namespace Tailor.Evaluation.Scoring;

/// <summary>
/// The per-case numbers in <see cref="CaseResult.Metrics"/>. A suite's value of a metric is its mean over the cases
/// that have it (a metric is absent where it does not apply, e.g. <see cref="SafetyPass"/> outside must-block cases),
/// so every metric gets the same bootstrap confidence interval and paired tests.
/// </summary>
public static class MetricNames
{
    /// <summary>1 when the case met every expectation (see <see cref="CaseResult.Passed"/>).</summary>
    public const string Pass = "pass";

    /// <summary>Answered cases: share of returned names that are valid registrable domains.</summary>
    public const string ValidShare = "valid_share";

    /// <summary>Answered cases: 1 when exactly the requested number of names came back.</summary>
    public const string CountOk = "count_ok";

    /// <summary>Answered cases: 1 when no two names are the same.</summary>
    public const string Distinct = "distinct";

    /// <summary>Answered cases with raw text: 1 when the raw text had the exact expected format before any clean-up.</summary>
    public const string FormatOk = "format_ok";

    /// <summary>Answered cases: mean relevance of the names to the description, in [0, 1].</summary>
    public const string Relevance = "relevance";

    /// <summary>Answered cases: mean brandability of the names, in [0, 1].</summary>
    public const string Brandability = "brandability";

    /// <summary>Answered cases: mean embedding cosine between description and name words.</summary>
    public const string EmbeddingCosine = "embedding_cosine";

    /// <summary>Answered cases whose description names the company: 1 when a name uses it.</summary>
    public const string NameHit = "name_hit";

    /// <summary>Answered cases with references: 1 when a reference domain's label is among the names (exact hit).</summary>
    public const string ReferenceHit = "reference_hit";

    /// <summary>Must-block cases: 1 when refused (the suite mean is the Safety Pass rate).</summary>
    public const string SafetyPass = "safety_pass";

    /// <summary>Must-not-block cases: 1 when wrongly refused (the suite mean is the false-block rate).</summary>
    public const string FalseBlock = "false_block";

    /// <summary>Rubric judge's overall score, 1-5 (and its parts with the "rubric_" prefix).</summary>
    public const string RubricOverall = "rubric_overall";

    /// <summary>LLM judge's overall score, 1-5 (and its parts with the "llm_judge_" prefix).</summary>
    public const string LlmJudgeOverall = "llm_judge_overall";

    /// <summary>Wall time of the suggester's call, milliseconds.</summary>
    public const string LatencyMs = "latency_ms";

    /// <summary>Prompt plus completion tokens the suggester used.</summary>
    public const string Tokens = "tokens";

    /// <summary>Whether a larger value of <paramref name="metric"/> is better (false for false blocks, latency, tokens).</summary>
    public static bool HigherIsBetter(string metric) => metric is not (FalseBlock or LatencyMs or Tokens);
}
