using System.CommandLine;
using System.Globalization;
using Tailor.Training.Recipes;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor search --recipe FILE --param key=v1,v2 ...</c>: grid or random hyper-parameter search.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "Base recipe (YAML or JSON)", Required = true };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A searched key and its values, e.g. training.learning_rate=1e-3,3e-3 or lora.r=4,8,16 (repeatable)",
            Required = true,
        };
        var trials = new Option<int?>("--trials") { Description = "Random search: this many distinct combinations (default: the whole grid)" };
        var seed = new Option<int>("--seed") { Description = "Seed for random search", DefaultValueFactory = _ => 0 };
        var command = new Command("search", "Run a hyper-parameter search and print the trials ranked") { recipe, parameters, trials, seed };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(recipe)!;
            var space = parse.GetValue(parameters)!.Select(SearchDimension.Parse).ToList();
            var search = new HyperparameterSearch(HyperparameterSearch.LoadRecipeNode(path), path, space)
            {
                OnTrialStart = (i, n, values) => Console.WriteLine(
                    $"trial {i + 1}/{n}: {string.Join(", ", values.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}"))}"),
                RunTrial = r => TrainCommand.Run(r, resume: Directory.Exists(r.RunDirectory)),
            };
            var ranked = search.Run(parse.GetValue(trials), parse.GetValue(seed));
            Console.WriteLine();
            Console.WriteLine($"| rank | trial | {string.Join(" | ", space.Select(d => d.Key))} | best {(ranked.Count > 0 ? ranked[0].Metric : "metric")} | at step | tok/s | run |");
            Console.WriteLine($"|---:|---:|{string.Concat(space.Select(_ => "---|"))}---:|---:|---:|---|");
            foreach (var (t, rank) in ranked.Select((t, i) => (t, i + 1)))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {rank} | {t.Trial} | {string.Join(" | ", space.Select(d => t.Parameters[d.Key]?.ToJsonString()))} | {t.BestMetric:F4} | {t.BestStep} | {t.TokensPerSecond:F0} | {t.Run} |"));
            Console.WriteLine($"trials recorded in {Path.Combine(search.SearchDirectory, "trials.jsonl")}");
        }));
        return command;
    }
}
