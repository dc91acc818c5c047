using System.CommandLine;
using System.Globalization;
using Tailor.Domains.Splits;
using Tailor.Domains.Stats;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor data stats DIR</c>: the dataset's tables on stdout, its histograms as PNG, and a leak check.</summary>
internal static class DataStatsCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Dataset folder (train/validation/test.jsonl)" };
        var plots = new Option<string?>("--plots") { Description = "Folder for the PNG plots (default: DIR/stats)" };
        var command = new Command("stats", "Print a dataset's statistics, check it for leaks and plot its histograms") { directory, plots };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var dir = parse.GetValue(directory)!;
            var splits = DatasetSplits.Read(dir);
            Console.WriteLine(DatasetStatistics.Compute(splits).ToMarkdown());
            var leaks = LeakCheck.Find(splits);
            Console.WriteLine(leaks.Count == 0
                ? "leak check: 0 leaks (no group, copy or near copy on two sides)"
                : $"leak check: {leaks.Count} leaks, e.g. {leaks[0]}");
            var written = DatasetPlots.Write(splits, parse.GetValue(plots) ?? Path.Combine(dir, "stats"));
            Console.WriteLine($"plots: {string.Join(", ", written)}");
        }));
        return command;
    }

    /// <summary>One line per split: rows and edge-case share.</summary>
    public static string Summary(DatasetSplits splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        return string.Join("\n", DatasetSplits.Names.Select(name =>
        {
            var rows = splits.Rows(name);
            var edge = rows.Count(r => Tailor.Domains.Data.ExampleKinds.IsEdgeCase(r.Kind));
            var blocked = rows.Count(r => r.Blocked);
            return string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} {rows.Count,7:N0} rows  {edge,6:N0} edge cases  {blocked,5:N0} must-block");
        }));
    }
}
