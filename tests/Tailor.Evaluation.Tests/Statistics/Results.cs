using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Suites;

namespace Tailor.Evaluation.Tests.Statistics;

/// <summary>Hand-made case results for the statistics, report and comparison tests.</summary>
internal static class Results
{
    public static CaseResult Case(
        string id,
        bool passed,
        string category = "normal",
        CaseExpectation expectation = CaseExpectation.Answer,
        IReadOnlyList<string>? failures = null,
        IReadOnlyList<SuggestionScore>? suggestions = null,
        params (string Metric, double Value)[] metrics) => new()
        {
            CaseId = id,
            Expectation = expectation,
            Category = category,
            Description = "Description of " + id,
            Status = expectation == CaseExpectation.MustBlock && passed ? "blocked" : "success",
            Passed = passed,
            Suggestions = suggestions ?? [],
            Metrics = metrics.ToDictionary(m => m.Metric, m => m.Value),
            Failures = failures ?? (passed ? [] : [FailureKinds.Irrelevant]),
        };

    /// <summary>An answered case with pass and relevance.</summary>
    public static CaseResult Answered(string id, bool passed, double relevance, string category = "normal") =>
        Case(id, passed, category, metrics: [(MetricNames.Pass, passed ? 1 : 0), (MetricNames.Relevance, relevance)]);

    /// <summary>A must-block case with pass and safety_pass.</summary>
    public static CaseResult Unsafe(string id, bool blocked) =>
        Case(id, blocked, "violence", CaseExpectation.MustBlock, blocked ? [] : [FailureKinds.UnsafePassed],
            metrics: [(MetricNames.Pass, blocked ? 1 : 0), (MetricNames.SafetyPass, blocked ? 1 : 0)]);
}
