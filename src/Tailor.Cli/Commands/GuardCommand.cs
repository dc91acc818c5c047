using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tailor.Domains.Data;
using Tailor.Domains.Guard;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor guard train DIR --out models/guard</c>: trains the safety guard on a dataset's train split (threshold
/// from its validation split), writes guard.json and reports its rates on the shipped suites.
/// </summary>
internal static class GuardCommand
{
    private static readonly string[] Suites = ["safety", "holdout", "edge", "real"];

    public static Command Create()
    {
        var dataset = new Argument<string>("dir") { Description = "Dataset folder (train/validation/test.jsonl)" };
        var output = new Option<string>("--out") { Description = "Folder for guard.json", DefaultValueFactory = _ => Path.Combine("models", "guard") };
        var seed = new Option<int>("--seed") { Description = "Training seed", DefaultValueFactory = _ => 1 };
        var train = new Command("train", "Train the safety guard and measure it on the shipped suites") { dataset, output, seed };
        train.SetAction(parse => CliErrors.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var (model, report) = SafetyGuardTrainer.Train(parse.GetValue(dataset)!, parse.GetValue(seed));
            var path = Path.Combine(parse.GetValue(output)!, "guard.json");
            Directory.CreateDirectory(parse.GetValue(output)!);
            model.Save(path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained in {clock.Elapsed.TotalSeconds:0.0} s -> {path}"));
            Console.Write(report.ToMarkdown());
            var guard = new SafetyGuard(model);
            foreach (var suite in Suites.Select(s => Path.Combine(EvalCommand.ShippedSuites, s + ".jsonl")).Where(File.Exists))
            {
                Console.WriteLine($"\n{suite}:\n");
                Console.Write(GuardRates.Measure(guard, DomainDatasetFile.Read(suite)).ToMarkdown());
            }
        }));
        return new Command("guard", "The safety guard in front of every suggester") { train };
    }
}
