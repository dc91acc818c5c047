using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Evaluation.Judges;

/// <summary>How an <see cref="LlmJudge"/> asks, re-asks, caches and shuffles.</summary>
public sealed record LlmJudgeOptions
{
    /// <summary>The judge model's name: part of every cache key (the client itself is already bound to it).</summary>
    public required string Model { get; init; }

    /// <summary>How strongly the endpoint is asked for JSON; json_schema where the server supports it.</summary>
    public TeacherStructuredOutput StructuredOutput { get; init; } = TeacherStructuredOutput.JsonSchema;

    /// <summary>Answers asked per case, the first included, before the case is recorded as unjudged.</summary>
    public int MaxAnswerAttempts { get; init; } = 3;

    /// <summary>Cases judged at once by <see cref="LlmJudge.ScoreManyAsync"/>.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Sampling temperature; 0 (the default) makes a judge as repeatable as the endpoint allows.</summary>
    public float Temperature { get; init; }

    /// <summary>The sampling seed sent with each request, for endpoints that honour one.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Show the judge each list in a shuffled order (seeded by <see cref="ShuffleSeed"/> and the case id) instead of
    /// the suggester's order: the position-bias check compares the two.
    /// </summary>
    public bool ShuffleSuggestions { get; init; }

    /// <summary>Seeds the shuffle; the same seed shows every case in the same order on every run.</summary>
    public int ShuffleSeed { get; init; }

    /// <summary>Where scores are kept between runs; null judges everything afresh (self-consistency needs that).</summary>
    public JudgeCache? Cache { get; init; }
}
