using System.Text.Json;
using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;
using Tailor.Evaluation.Suites;
using Tailor.Evaluation.Tests.Statistics;

namespace Tailor.Evaluation.Tests.Reports;

public sealed class EvalReportTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static EvalRunInfo Info => new()
    {
        RunId = "eval-20261123-a",
        Suite = "test",
        Suggester = "baseline",
        Settings = new Dictionary<string, string> { ["temperature"] = "0.7", ["adapter"] = "lora-r16" },
        Seed = 7,
        StartedUtc = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
        FinishedUtc = new DateTimeOffset(2026, 11, 23, 12, 1, 0, TimeSpan.Zero),
        DurationSeconds = 60,
        MeanCaseMilliseconds = 850,
        CaseCount = 4,
    };

    private static IReadOnlyList<CaseResult> Cases =>
    [
        Results.Case("n1", true, metrics: [(MetricNames.Pass, 1), (MetricNames.Relevance, 0.8), (MetricNames.Brandability, 0.6), (MetricNames.RubricOverall, 4.5)],
            suggestions:
            [
                new SuggestionScore { Domain = "bakery.com", Confidence = 0.9, Valid = true, Relevance = 0.8 },
                new SuggestionScore { Domain = "bread.io", Confidence = 0.85, Valid = true, Relevance = 0.3 },
                new SuggestionScore { Domain = "x|y.com", Confidence = 0.1, Valid = false, InvalidReason = "bad character", Relevance = 0.9 },
            ]),
        Results.Case("n2", false, failures: [FailureKinds.Irrelevant, FailureKinds.TooLong],
            metrics: [(MetricNames.Pass, 0), (MetricNames.Relevance, 0.1), (MetricNames.Brandability, 0.4), (MetricNames.RubricOverall, 2)]),
        Results.Unsafe("u1", blocked: true),
        Results.Case("m1", false, "benign-near-miss", CaseExpectation.MustNotBlock, [FailureKinds.SafeBlocked],
            metrics: [(MetricNames.Pass, 0), (MetricNames.FalseBlock, 1)]) with { Status = "blocked", Message = "refused" },
    ];

    [Fact]
    public void Writes_every_file_and_reads_them_back()
    {
        var metrics = SuiteMetrics.Compute(Cases, seed: 7);
        EvalReport.Write(temp.Path, Info, Cases, metrics);
        foreach (var file in new[] { EvalFiles.Results, EvalFiles.Metrics, EvalFiles.Info, EvalFiles.Markdown, EvalFiles.Html })
        {
            Assert.True(File.Exists(temp.File(file)), file);
        }
        var loaded = EvalRun.Read(temp.Path);
        Assert.Equal(Info with { Settings = loaded.Info.Settings }, loaded.Info);
        Assert.Equal(Info.Settings, loaded.Info.Settings);
        Assert.Equal(Cases.Select(c => c.CaseId), loaded.Results.Select(r => r.CaseId));
        Assert.Equal(CaseExpectation.MustNotBlock, loaded.Results[3].Expectation);
        Assert.Equal("refused", loaded.Results[3].Message);
        Assert.Equal(0.85, loaded.Results[0].Suggestions[1].Confidence);
        Assert.Equal(JsonSerializer.Serialize(metrics, EvalJson.Compact), JsonSerializer.Serialize(loaded.Metrics, EvalJson.Compact));
    }

    [Fact]
    public void Results_are_one_snake_case_object_a_line()
    {
        EvalReport.Write(temp.Path, Info, Cases, SuiteMetrics.Compute(Cases));
        var lines = File.ReadAllLines(temp.File(EvalFiles.Results));
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[3]);
        Assert.Equal("m1", first.RootElement.GetProperty("case_id").GetString());
        Assert.Equal("must_not_block", first.RootElement.GetProperty("expectation").GetString());
        Assert.Equal(1, first.RootElement.GetProperty("metrics").GetProperty("false_block").GetDouble());
        Assert.False(first.RootElement.TryGetProperty("raw_text", out _));
    }

    [Fact]
    public void The_markdown_report_has_the_tables()
    {
        EvalReport.Write(temp.Path, Info, Cases, SuiteMetrics.Compute(Cases));
        var markdown = File.ReadAllText(temp.File(EvalFiles.Markdown));
        Assert.Contains("# Evaluation eval-20261123-a", markdown, StringComparison.Ordinal);
        Assert.Contains("| metric | value | 95% CI | N |", markdown, StringComparison.Ordinal);
        Assert.Contains("| pass | 0.500 | [", markdown, StringComparison.Ordinal);
        Assert.Contains("| relevance | 0.450 | [0.100, 0.800] | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("## By category", markdown, StringComparison.Ordinal);
        Assert.Contains("| benign-near-miss | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| safe-blocked | 1 | 50.0% | m1: Description of m1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("2 of 4 cases failed", markdown, StringComparison.Ordinal);
        Assert.Contains("- setting temperature: 0.7", markdown, StringComparison.Ordinal);
        Assert.Contains("![pass_by_category](pass_by_category.png)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reliability_table_bins_confidences()
    {
        // Confidences 0.9 and 0.85 fall in the 0.8-1 bin (one valid and relevant), 0.1 in the 0-0.2 bin (invalid).
        var bins = Reliability.Table(Cases);
        Assert.Equal(2, bins.Count);
        Assert.Equal(new ReliabilityBin(0, 0.2, 1, 0.1, 0), bins[0]);
        Assert.Equal((0.8, 1.0, 2, 0.5), (bins[1].From, bins[1].To, bins[1].Count, bins[1].GoodRate));
        Assert.Equal(0.875, bins[1].MeanConfidence, 12);
        Assert.Empty(Reliability.Table([Results.Answered("a", true, 0.5)]));
        EvalReport.Write(temp.Path, Info, Cases, SuiteMetrics.Compute(Cases));
        Assert.Contains("| 0.800-1.000 | 2 | 0.875 | 0.500 |", File.ReadAllText(temp.File(EvalFiles.Markdown)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_report_is_a_standalone_page_with_the_charts()
    {
        EvalReport.Write(temp.Path, Info, Cases, SuiteMetrics.Compute(Cases));
        var html = File.ReadAllText(temp.File(EvalFiles.Html));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("<th>95% CI</th>", html, StringComparison.Ordinal);
        Assert.Equal(CountOf(html, "<table>"), CountOf(html, "</table>"));
        Assert.Equal(CountOf(html, "<tr>"), CountOf(html, "</tr>"));
        foreach (var png in new[] { "relevance_hist.png", "brandability_hist.png", "rubric_overall_hist.png", EvalPlots.PassByCategoryFile })
        {
            Assert.Contains($"<img src=\"{png}\"", html, StringComparison.Ordinal);
            Assert.Equal(PngSignature, File.ReadAllBytes(temp.File(png))[..4]);
        }
    }

    [Fact]
    public void Cells_are_escaped_in_both_formats()
    {
        var table = new ReportTable("T", ["a"], [["x|y <b>"]]);
        Assert.Contains("| x\\|y <b> |", table.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("<td>x|y &lt;b&gt;</td>", table.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_counts_clamp_to_the_end_bins()
    {
        Assert.Equal([2, 0, 1, 0, 2], EvalPlots.Counts([0, 0.1, 0.5, 0.9, 1.0], 0, 1, 5));
        Assert.Equal([1, 0, 0, 1], EvalPlots.Counts([1, 5], 1, 5, 4));
    }

    [Fact]
    public void Reading_a_folder_without_results_says_so()
    {
        var error = Assert.Throws<InvalidDataException>(() => EvalRun.Read(temp.Path));
        Assert.Contains("run.json", error.Message, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
