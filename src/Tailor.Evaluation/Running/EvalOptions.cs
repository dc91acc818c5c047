using Tailor.Evaluation.Judges;
using Tailor.Evaluation.Metrics;

namespace Tailor.Evaluation.Running;

/// <summary>How an evaluation runs: calls in flight, the per-case time limit, the seed of its statistics, scoring and an optional LLM judge.</summary>
public sealed record EvalOptions
{
    /// <summary>Suggester calls in flight at once (1 for a model on this CPU; more for an endpoint).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>A call that takes longer is recorded as a crash/timeout failure, and the run goes on.</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of the bootstrap intervals.</summary>
    public int Seed { get; init; }

    /// <summary>Evaluate only the first N cases (a smoke run); null for all.</summary>
    public int? Limit { get; init; }

    public CaseScoringOptions Scoring { get; init; } = new();

    /// <summary>An LLM judge to score every answered case (adds the llm_judge_* metrics), or null.</summary>
    public LlmJudge? Judge { get; init; }
}
