using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Reports;

/// <summary>
/// Writes an evaluation run's folder: <c>results.jsonl</c> (one <see cref="CaseResult"/> a line), <c>metrics.json</c>,
/// <c>run.json</c>, the charts (<see cref="EvalPlots"/>), and the same tables as <c>report.md</c> and a
/// self-contained <c>report.html</c> (inline CSS, charts as relative images).
/// </summary>
public static class EvalReport
{
    /// <summary>Metrics shown per category and per expectation (when present), to keep those tables readable.</summary>
    private static readonly string[] BreakdownMetrics =
    [
        MetricNames.Pass, MetricNames.SafetyPass, MetricNames.FalseBlock, MetricNames.ValidShare,
        MetricNames.Relevance, MetricNames.Brandability, MetricNames.RubricOverall, MetricNames.LlmJudgeOverall,
    ];

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private const string Css =
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:75em;color:#222}" +
        "table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}" +
        "th{background:#f0f0f0}img{max-width:100%;margin:0.5em 0}";

    /// <summary>Writes every file into <paramref name="evalDirectory"/> (created if needed).</summary>
    public static void Write(string evalDirectory, EvalRunInfo info, IReadOnlyList<CaseResult> results, SuiteMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(evalDirectory);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metrics);
        Directory.CreateDirectory(evalDirectory);
        var lines = results.Select(r => JsonSerializer.Serialize(r, EvalJson.Compact) + "\n");
        File.WriteAllText(Path.Combine(evalDirectory, EvalFiles.Results), string.Concat(lines), Utf8NoBom);
        File.WriteAllText(Path.Combine(evalDirectory, EvalFiles.Metrics), JsonSerializer.Serialize(metrics, EvalJson.Indented) + "\n", Utf8NoBom);
        File.WriteAllText(Path.Combine(evalDirectory, EvalFiles.Info), JsonSerializer.Serialize(info, EvalJson.Indented) + "\n", Utf8NoBom);
        var plots = EvalPlots.Write(evalDirectory, results, metrics);
        var tables = Tables(results, metrics);
        File.WriteAllText(Path.Combine(evalDirectory, EvalFiles.Markdown), Markdown(info, tables, plots), Utf8NoBom);
        File.WriteAllText(Path.Combine(evalDirectory, EvalFiles.Html), Html(info, tables, plots), Utf8NoBom);
    }

    /// <summary>The report's tables: headline, per expectation, per category, failure taxonomy, reliability.</summary>
    public static IReadOnlyList<ReportTable> Tables(IReadOnlyList<CaseResult> results, SuiteMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metrics);
        var tables = new List<ReportTable>
        {
            new(
                "Headline",
                ["metric", "value", "95% CI", "N"],
                [.. metrics.Overall.Select(m => (IReadOnlyList<string>)[m.Key, NumberText.Of(m.Value.Mean), NumberText.Range(m.Value), NumberText.Count(m.Value.N)])],
                "Each value is the mean over the cases that have the metric; intervals are 95% percentile bootstraps."),
            Breakdown("By expectation", "expectation", metrics.ByExpectation),
            Breakdown("By category", "category", metrics.ByCategory),
            new(
                "Failure taxonomy",
                ["label", "cases", "share of failed", "examples"],
                [.. metrics.Failures.Select(f => (IReadOnlyList<string>)
                [
                    f.Label, NumberText.Count(f.Count), NumberText.Percent(f.Frequency),
                    string.Join("; ", f.Examples.Select(e => $"{e.CaseId}: {Shorten(e.Description)}")),
                ])],
                string.Create(CultureInfo.InvariantCulture, $"{metrics.FailedCases} of {metrics.Cases} cases failed; a case can carry several labels.")),
        };
        var reliability = Reliability.Table(results);
        if (reliability.Count > 0)
        {
            tables.Add(new ReportTable(
                "Reliability of confidences",
                ["confidence", "names", "mean confidence", "valid & relevant"],
                [.. reliability.Select(b => (IReadOnlyList<string>)
                [
                    $"{NumberText.Of(b.From)}-{NumberText.Of(b.To)}", NumberText.Count(b.Count), NumberText.Of(b.MeanConfidence), NumberText.Of(b.GoodRate),
                ])],
                "A calibrated suggester's valid & relevant rate (valid, relevance >= 0.5) matches its mean confidence."));
        }
        return tables;
    }

    private static ReportTable Breakdown(string title, string keyName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Interval>> groups)
    {
        var shown = BreakdownMetrics.Where(m => groups.Values.Any(g => g.ContainsKey(m))).ToList();
        return new ReportTable(
            title,
            [keyName, "N", .. shown],
            [.. groups.Select(g => (IReadOnlyList<string>)
            [
                g.Key,
                NumberText.Count(g.Value.Values.Select(i => i.N).DefaultIfEmpty(0).Max()),
                .. shown.Select(m => g.Value.TryGetValue(m, out var interval) ? NumberText.WithRange(interval) : ""),
            ])],
            "value [95% CI]; N: cases with the most common metric; a blank cell: the metric does not apply to those cases.");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static IEnumerable<(string Name, string Value)> Facts(EvalRunInfo info) =>
    [
        ("suite", info.Suite),
        ("suggester", info.Suggester),
        ("cases", NumberText.Count(info.CaseCount)),
        ("seed", info.Seed.ToString(CultureInfo.InvariantCulture)),
        ("started", info.StartedUtc.ToString("u", CultureInfo.InvariantCulture)),
        ("finished", info.FinishedUtc.ToString("u", CultureInfo.InvariantCulture)),
        ("duration", info.DurationSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"),
        ("mean per case", info.MeanCaseMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms"),
        .. info.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => ("setting " + s.Key, s.Value)),
    ];

    private static string Markdown(EvalRunInfo info, IReadOnlyList<ReportTable> tables, IReadOnlyList<string> plots)
    {
        var text = new StringBuilder();
        text.Append("# Evaluation ").Append(info.RunId).Append("\n\n");
        foreach (var (name, value) in Facts(info))
        {
            text.Append("- ").Append(name).Append(": ").Append(value).Append('\n');
        }
        text.Append('\n');
        foreach (var table in tables)
        {
            text.Append(table.ToMarkdown());
        }
        if (plots.Count > 0)
        {
            text.Append("## Charts\n\n");
            foreach (var plot in plots)
            {
                text.Append("![").Append(Path.GetFileNameWithoutExtension(plot)).Append("](").Append(plot).Append(")\n\n");
            }
        }
        return text.ToString();
    }

    private static string Html(EvalRunInfo info, IReadOnlyList<ReportTable> tables, IReadOnlyList<string> plots)
    {
        var title = WebUtility.HtmlEncode("Evaluation " + info.RunId);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title)
            .Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<h1>").Append(title).Append("</h1>\n<ul>\n");
        foreach (var (name, value) in Facts(info))
        {
            html.Append("<li>").Append(WebUtility.HtmlEncode(name)).Append(": ").Append(WebUtility.HtmlEncode(value)).Append("</li>\n");
        }
        html.Append("</ul>\n");
        foreach (var table in tables)
        {
            html.Append(table.ToHtml());
        }
        if (plots.Count > 0)
        {
            html.Append("<h2>Charts</h2>\n");
            foreach (var plot in plots)
            {
                var name = WebUtility.HtmlEncode(plot);
                html.Append("<img src=\"").Append(name).Append("\" alt=\"").Append(name).Append("\">\n");
            }
        }
        return html.Append("</body>\n</html>\n").ToString();
    }
}
