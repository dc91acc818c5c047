using Tailor.Evaluation.Judges;
using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Running;

/// <summary>A finished evaluation: what ran, the per-case results, the suite metrics and where the report went.</summary>
public sealed record EvalOutcome(
    EvalRunInfo Info,
    IReadOnlyList<CaseResult> Results,
    SuiteMetrics Metrics,
    string EvalDirectory,
    JudgeUsage? JudgeUsage);
