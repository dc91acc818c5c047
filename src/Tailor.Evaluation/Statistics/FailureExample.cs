using System.Text.Json.Serialization;

namespace Tailor.Evaluation.Statistics;

/// <summary>A failed case quoted in the failure taxonomy.</summary>
public sealed record FailureExample(
    [property: JsonPropertyName("case_id")] string CaseId,
    [property: JsonPropertyName("description")] string Description);
