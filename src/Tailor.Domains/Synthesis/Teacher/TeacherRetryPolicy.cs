namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// How <see cref="RetryingChatClient"/> retries a failed request: at most <see cref="MaxAttempts"/> tries in all,
/// waiting <see cref="BaseDelay"/> doubled per retry (capped at <see cref="MaxDelay"/>) with seeded jitter, or what
/// the endpoint's Retry-After header says (also capped at <see cref="MaxDelay"/>) when it sends one.
/// </summary>
public sealed record TeacherRetryPolicy
{
    /// <summary>Tries per request, the first included; 1 means no retries.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The wait before the first retry, before jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No wait is longer than this, whatever the backoff or the endpoint asks for.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seeds the jitter, so a rerun waits the same sequence of delays.</summary>
    public int Seed { get; init; }

    /// <summary>Sensible defaults for a hosted endpoint.</summary>
    public static TeacherRetryPolicy Default { get; } = new();
}
