using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor train --recipe FILE [--resume]</c>: a recipe in, a run directory out, with a progress bar.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "Recipe file (YAML or JSON)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run from its last complete checkpoint" };
        var command = new Command("train", "Train a model (full, LoRA or QLoRA) from a recipe") { recipe, resume };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var loaded = Recipe.Load(parse.GetValue(recipe)!);
            var summary = Run(loaded, parse.GetValue(resume));
            Print(summary, loaded.RunDirectory);
        }));
        return command;
    }

    public static TrainSummary Run(Recipe recipe, bool resume)
    {
        TrainSummary? summary = null;
        // A console per run on the current stdout: the static AnsiConsole keeps the writer it first saw.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask? bar = null;
                var runner = new RecipeRunner(recipe)
                {
                    OnMessage = m => console.WriteLine(m),
                    OnLog = (step, values) => console.WriteLine($"step {step}: " + string.Join("  ",
                        values.Select(kv => $"{kv.Key}={MetricsLog.Format(kv.Value)}"))),
                    OnStep = p =>
                    {
                        bar ??= ctx.AddTask("train", maxValue: p.TotalSteps);
                        bar.Value = p.Step;
                        bar.Description = string.Create(CultureInfo.InvariantCulture,
                            $"step {p.Step}/{p.TotalSteps} loss {p.Loss:F3} {p.TokensPerSecond:F0} tok/s");
                    },
                };
                summary = runner.Run(resume);
            });
        return summary!;
    }

    static void Print(TrainSummary s, string runDir)
    {
        var r = s.Result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done: {r.Steps}/{r.TotalSteps} steps{(r.StoppedEarly ? " (stopped early)" : "")}, {r.TokensPerSecond:F0} tok/s, {r.TrainSeconds:F1} s"));
        if (r.BestMetric is { } best) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best {r.MetricName} {best:F4} at step {r.BestStep}"));
        Console.WriteLine($"run directory: {runDir} ({string.Join(", ", s.Artifacts.Keys.Concat(["metrics.jsonl", "summary.json"]).Concat(s.Curves))})");
    }
}
