namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>One teacher job: which model, how many briefs, the seed that picks them, and the limits it runs under.</summary>
public sealed record TeacherOptions
{
    /// <summary>The teacher model's name; rows get the source "teacher:" plus it.</summary>
    public required string Model { get; init; }

    /// <summary>Briefs in the job: ids "teacher-000000" up to Count - 1.</summary>
    public required int Count { get; init; }

    /// <summary>Picks the briefs (and is passed on as the sampling seed where the endpoint honours one).</summary>
    public int Seed { get; init; }

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Total tokens (prompt plus completion) the job may spend; no new brief starts once spent. Null: no limit.</summary>
    public long? TokenBudget { get; init; }

    /// <summary>Asks per step before a brief is given up as failed (re-asks after unusable answers).</summary>
    public int MaxAnswerAttempts { get; init; } = 3;

    /// <summary>How the endpoint is asked for JSON.</summary>
    public TeacherStructuredOutput StructuredOutput { get; init; } = TeacherStructuredOutput.JsonSchema;
}
