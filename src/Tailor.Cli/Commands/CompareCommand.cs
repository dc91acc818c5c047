using System.CommandLine;
using System.Globalization;
using Tailor.Domains;
using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor compare RUN...</c>: the experiments table the seed reports wrote by hand (settings columns, metrics with
/// 95% CIs, significance marks against a baseline run) and a one-line recommendation, printed and written to a file.
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] DefaultMetrics =
    [
        MetricNames.Pass, MetricNames.ValidShare, MetricNames.Relevance, MetricNames.Brandability,
        MetricNames.RubricOverall, MetricNames.SafetyPass, MetricNames.FalseBlock, MetricNames.LatencyMs,
    ];

    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run directories or run ids under --runs (each with an eval/ folder)", Arity = ArgumentArity.OneOrMore };
        var baseline = new Option<string?>("--baseline") { Description = "The run the others are tested against (default: the first)" };
        var metrics = new Option<string?>("--metrics") { Description = "Comma-separated metrics (default: pass, validity, relevance, brandability, rubric, safety, latency)" };
        var runsDirectory = new Option<string>("--runs") { Description = "Folder of run directories", DefaultValueFactory = _ => "runs" };
        var output = new Option<string?>("--out") { Description = "Markdown file for the table (default: RUNS/comparisons/compare-TIME.md)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the paired tests", DefaultValueFactory = _ => 0 };
        var command = new Command("compare", "Compare evaluation runs on the same suite: table with CIs and significance, and a recommendation")
        {
            runs, baseline, metrics, runsDirectory, output, seed,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var root = parse.GetValue(runsDirectory)!;
            var loaded = parse.GetValue(runs)!.Select(r => Load(r, root)).ToList();
            var suites = loaded.Select(r => r.Info.Suite).Distinct(StringComparer.Ordinal).ToList();
            if (suites.Count > 1)
            {
                throw new DomainDataException($"runs are on different suites ({string.Join(", ", suites)}); compare runs of one suite.");
            }
            var baselineId = parse.GetValue(baseline) ?? loaded[0].Info.RunId;
            if (!loaded.Any(r => r.Info.RunId == baselineId))
            {
                throw new DomainDataException($"--baseline '{baselineId}' is not one of the compared runs.");
            }
            var chosen = parse.GetValue(metrics)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                ?? DefaultMetrics.Where(m => loaded.Any(r => r.Metrics.Overall.ContainsKey(m))).ToArray();
            var comparison = RunComparison.Build(loaded, baselineId, chosen, parse.GetValue(seed));

            var text = $"# Comparison on suite '{suites[0]}'\n\n{comparison.Markdown}\n**Recommendation:** {comparison.Recommendation}\n";
            if (SeedSweep.Build(loaded, chosen) is { } seeds)
            {
                text += $"\n## Over seeds\n\n{seeds}";
            }
            var path = parse.GetValue(output)
                ?? Path.Combine(root, "comparisons", string.Create(CultureInfo.InvariantCulture, $"compare-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text);
            Console.WriteLine(text);
            Console.WriteLine($"written to {path}");
        }));
        return command;
    }

    private static LoadedRun Load(string run, string root)
    {
        var directory = RunFolders.FindEval(run, root);
        try
        {
            return EvalRun.Read(directory);
        }
        catch (InvalidDataException e)
        {
            throw new DomainDataException($"{directory}: {e.Message}", e);
        }
    }
}
