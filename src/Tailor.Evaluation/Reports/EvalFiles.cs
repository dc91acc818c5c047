namespace Tailor.Evaluation.Reports;

/// <summary>The files of an evaluation run's folder.</summary>
public static class EvalFiles
{
    public const string Results = "results.jsonl";
    public const string Metrics = "metrics.json";
    public const string Info = "run.json";
    public const string Markdown = "report.md";
    public const string Html = "report.html";
}
