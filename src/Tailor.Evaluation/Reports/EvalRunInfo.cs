using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Reports;

/// <summary>
/// What an evaluation run was (<c>run.json</c>): which suggester with which settings on which suite, the seed, when
/// it ran and for how long. <see cref="Settings"/> become the columns of comparison tables.
/// </summary>
public sealed record EvalRunInfo
{
    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    [JsonPropertyName("suite")]
    public required string Suite { get; init; }

    [JsonPropertyName("suggester")]
    public required string Suggester { get; init; }

    [JsonPropertyName("settings")]
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    [JsonPropertyName("started_utc")]
    public DateTimeOffset StartedUtc { get; init; }

    [JsonPropertyName("finished_utc")]
    public DateTimeOffset FinishedUtc { get; init; }

    /// <summary>Wall time of the whole run, seconds.</summary>
    [JsonPropertyName("duration_seconds")]
    public double DurationSeconds { get; init; }

    /// <summary>Mean wall time per case, milliseconds.</summary>
    [JsonPropertyName("mean_case_ms")]
    public double MeanCaseMilliseconds { get; init; }

    [JsonPropertyName("case_count")]
    public int CaseCount { get; init; }
}
