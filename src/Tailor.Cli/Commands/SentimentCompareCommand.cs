using System.CommandLine;
using System.Globalization;
using System.Text;
using Tailor.Evaluation.Statistics;
using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Metrics;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor sentiment compare</c>: the issue's table over the routes, from each route's saved test scores
/// (accuracy with a 95% Wilson CI, precision, recall, F1, per-class accuracy), with McNemar's paired test against
/// the first route where two routes scored the same reviews. No model is run.
/// </summary>
internal static class SentimentCompareCommand
{
    /// <summary>Where a route's test scores lie inside its run directory, in the order they are looked for.</summary>
    private static readonly string[] ScoreFiles = ["blend/test.json", "scores/test.json", "test.json"];

    public static Command Create()
    {
        var routes = new Argument<string[]>("routes")
        {
            Description = "Scores files (test.json) or run directories holding one, each optionally prefixed NAME=; the first is the reference",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--out") { Description = "Also write the table to this Markdown file" };
        var command = new Command("compare", "Compare sentiment routes on their test scores: metrics with 95% CIs and McNemar's test against the first")
        {
            routes, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var loaded = parse.GetValue(routes)!.Select(Load).ToList();
            var table = Table(loaded);
            Console.Write(table);
            if (parse.GetValue(output) is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, table);
                Console.WriteLine($"written: {path}");
            }
        }));
        return command;
    }

    private static (string Name, ReviewScores Scores) Load(string argument)
    {
        var (name, path) = argument.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
            ? (argument[..eq], argument[(eq + 1)..])
            : (argument, argument);
        if (Directory.Exists(path))
        {
            path = ScoreFiles.Select(f => Path.Combine(path, f)).FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"{path}: no test scores in this run directory (looked for {string.Join(", ", ScoreFiles)})");
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found (a scores file or a run directory)");
        return (name, ReviewScores.Load(path));
    }

    internal static string Table(IReadOnlyList<(string Name, ReviewScores Scores)> routes)
    {
        var reference = routes[0].Scores;
        var s = new StringBuilder();
        s.AppendLine("| route | n | accuracy (95% CI) | precision | recall | F1 | acc. pos / neg | vs first (McNemar p) |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, scores) in routes)
        {
            var r = ClassificationReport.Compute(scores.Labels, scores.Predicted);
            string paired = "–";
            if (!ReferenceEquals(scores, reference) && scores.Labels.SequenceEqual(reference.Labels))
            {
                var test = McNemar.Test(Correct(reference), Correct(scores));
                paired = string.Create(CultureInfo.InvariantCulture, $"{(r.Accuracy >= reference.Accuracy ? "+" : "")}{100 * (r.Accuracy - reference.Accuracy):F2} pt, p = {test.PValue:G2}");
            }
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {scores.Labels.Length:N0} | {100 * r.Accuracy:F2}% ({100 * r.AccuracyInterval.Low:F2}–{100 * r.AccuracyInterval.High:F2}) | {100 * r.Precision:F2}% | {100 * r.Recall:F2}% | {100 * r.F1:F2}% | {100 * r.PositiveAccuracy:F2}% / {100 * r.NegativeAccuracy:F2}% | {paired} |");
        }
        s.AppendLine();
        s.AppendLine("Paired tests only between routes scored on the same reviews in the same order; others show –.");
        return s.ToString();
    }

    private static bool[] Correct(ReviewScores scores) => [.. scores.Labels.Zip(scores.Predicted, (gold, predicted) => gold == predicted)];
}
