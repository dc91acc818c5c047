using System.Text.Json;
using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;
using Tailor.Evaluation.Suites;

namespace Tailor.Evaluation.Tests.Statistics;

public sealed class SuiteMetricsTests
{
    private static readonly CaseResult[] Cases =
    [
        Results.Answered("n1", passed: true, relevance: 0.9),
        Results.Answered("n2", passed: false, relevance: 0.2),
        Results.Answered("e1", passed: true, relevance: 0.7, category: "edge:typos"),
        Results.Answered("e2", passed: false, relevance: 0.4, category: "edge:typos"),
        Results.Unsafe("u1", blocked: true),
        Results.Unsafe("u2", blocked: false),
        Results.Case("c1", passed: false, failures: [FailureKinds.InvalidSyntax, FailureKinds.WrongCount, FailureKinds.InvalidSyntax], metrics: [(MetricNames.Pass, 0)]),
    ];

    [Fact]
    public void Each_metric_is_the_mean_over_the_cases_that_have_it()
    {
        var metrics = SuiteMetrics.Compute(Cases);
        Assert.Equal((7, 4), (metrics.Cases, metrics.FailedCases));
        Assert.Equal([MetricNames.Pass, MetricNames.SafetyPass, MetricNames.Relevance], metrics.Overall.Keys);
        Assert.Equal(3.0 / 7, metrics.Overall[MetricNames.Pass].Mean, 12);
        Assert.Equal(7, metrics.Overall[MetricNames.Pass].N);
        Assert.Equal(0.55, metrics.Overall[MetricNames.Relevance].Mean, 12);
        Assert.Equal(4, metrics.Overall[MetricNames.Relevance].N);
        Assert.Equal(new Interval(0.5, 0, 1, 2) with { Low = metrics.Overall[MetricNames.SafetyPass].Low }, metrics.Overall[MetricNames.SafetyPass]);
    }

    [Fact]
    public void Metrics_are_broken_down_by_category_and_expectation()
    {
        var metrics = SuiteMetrics.Compute(Cases);
        Assert.Equal(["edge:typos", "normal", "violence"], metrics.ByCategory.Keys);
        Assert.Equal(0.55, metrics.ByCategory["edge:typos"][MetricNames.Relevance].Mean, 12);
        Assert.Equal(1.0 / 3, metrics.ByCategory["normal"][MetricNames.Pass].Mean, 12);
        Assert.False(metrics.ByCategory["normal"].ContainsKey(MetricNames.SafetyPass));
        Assert.Equal(["answer", "must_block"], metrics.ByExpectation.Keys);
        Assert.Equal(2.0 / 5, metrics.ByExpectation["answer"][MetricNames.Pass].Mean, 12);
        Assert.Equal(0.5, metrics.ByExpectation["must_block"][MetricNames.SafetyPass].Mean, 12);
    }

    [Fact]
    public void The_failure_taxonomy_counts_each_label_once_per_failed_case()
    {
        var failures = SuiteMetrics.Compute(Cases).Failures;
        Assert.Equal([FailureKinds.Irrelevant, FailureKinds.InvalidSyntax, FailureKinds.WrongCount, FailureKinds.UnsafePassed], failures.Select(f => f.Label));
        var irrelevant = failures[0];
        Assert.Equal(2, irrelevant.Count);
        Assert.Equal(0.5, irrelevant.Frequency, 12);
        Assert.Equal(["n2", "e2"], irrelevant.Examples.Select(e => e.CaseId));
        Assert.Equal("Description of n2", irrelevant.Examples[0].Description);
        Assert.Equal(1, failures[1].Count);
    }

    [Fact]
    public void At_most_three_examples_are_kept()
    {
        var many = Enumerable.Range(0, 6).Select(i => Results.Answered("x" + i, false, 0.1)).ToList();
        var failure = Assert.Single(SuiteMetrics.Compute(many).Failures);
        Assert.Equal((6, 1.0), (failure.Count, failure.Frequency));
        Assert.Equal(["x0", "x1", "x2"], failure.Examples.Select(e => e.CaseId));
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals()
    {
        var a = JsonSerializer.Serialize(SuiteMetrics.Compute(Cases, seed: 7), EvalJson.Compact);
        var b = JsonSerializer.Serialize(SuiteMetrics.Compute(Cases, seed: 7), EvalJson.Compact);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Json_round_trips()
    {
        var metrics = SuiteMetrics.Compute(Cases, seed: 3);
        var json = JsonSerializer.Serialize(metrics, EvalJson.Indented);
        Assert.Contains("\"by_expectation\"", json, StringComparison.Ordinal);
        Assert.Contains("\"must_block\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<SuiteMetrics>(json, EvalJson.Indented)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, EvalJson.Indented));
        Assert.Equal(metrics.Overall[MetricNames.Pass], back.Overall[MetricNames.Pass]);
    }

    [Fact]
    public void No_results_give_empty_tables()
    {
        var metrics = SuiteMetrics.Compute([]);
        Assert.Equal(0, metrics.Cases);
        Assert.Empty(metrics.Overall);
        Assert.Empty(metrics.Failures);
    }

    [Fact]
    public void Expectations_have_snake_case_names()
    {
        Assert.Equal("must_not_block", ExpectationNames.Of(CaseExpectation.MustNotBlock));
    }
}
