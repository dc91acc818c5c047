using System.Text.Json.Serialization;
using Tailor.Evaluation.Suites;

namespace Tailor.Evaluation.Scoring;

/// <summary>
/// How a suggester did on one case: one line of a run's <c>results.jsonl</c>. <see cref="Metrics"/> holds the
/// per-case numbers (<see cref="MetricNames"/>) that suite metrics, confidence intervals and paired comparisons are
/// computed from; <see cref="Failures"/> the failure taxonomy's labels (<see cref="FailureKinds"/>).
/// </summary>
public sealed record CaseResult
{
    [JsonPropertyName("case_id")]
    public required string CaseId { get; init; }

    [JsonPropertyName("expectation")]
    public required CaseExpectation Expectation { get; init; }

    [JsonPropertyName("category")]
    public required string Category { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>"success", "blocked" or "error".</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("passed")]
    public bool Passed { get; init; }

    [JsonPropertyName("suggestions")]
    public IReadOnlyList<SuggestionScore> Suggestions { get; init; } = [];

    [JsonPropertyName("metrics")]
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    [JsonPropertyName("failures")]
    public IReadOnlyList<string> Failures { get; init; } = [];

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    [JsonPropertyName("raw_text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RawText { get; init; }
}
