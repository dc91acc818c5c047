using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Reports;

/// <summary>An evaluation run read back from its folder (<see cref="EvalRun.Read"/>).</summary>
public sealed record LoadedRun(string Directory, EvalRunInfo Info, IReadOnlyList<CaseResult> Results, SuiteMetrics Metrics);
