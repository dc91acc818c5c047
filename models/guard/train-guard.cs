#:project ../../src/Tailor.Domains/Tailor.Domains.csproj
#:property PublishAot=false
// Trains the shipped safety guard and measures it on the project's suites:
//   dotnet run models/guard/train-guard.cs -- runs/data/domains 1 models/guard
// (dataset folder, seed, output folder). Writes guard.json and prints the validation report and the suite rates.
using System.Diagnostics;
using Tailor.Domains.Data;
using Tailor.Domains.Guard;

var datasetDirectory = args.Length > 0 ? args[0] : "runs/data/domains";
var seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var outputDirectory = args.Length > 2 ? args[2] : "models/guard";

var clock = Stopwatch.StartNew();
var (model, report) = SafetyGuardTrainer.Train(datasetDirectory, seed);
var trainingSeconds = clock.Elapsed.TotalSeconds;
var modelPath = Path.Combine(outputDirectory, "guard.json");
model.Save(modelPath);
Console.WriteLine($"trained in {trainingSeconds:0.0} s; wrote {modelPath} ({new FileInfo(modelPath).Length / 1024.0 / 1024.0:0.00} MB)");
Console.WriteLine();
Console.Write(report.ToMarkdown());

var guard = new SafetyGuard(model);
foreach (var suite in Suites)
{
    var rows = DomainDatasetFile.Read(Path.Combine("data", "suites", suite + ".jsonl")).ToList();
    var judged = rows.Select(row => (row, guard.Check(row.Description))).ToList();
    Console.WriteLine();
    Console.WriteLine($"Suite {suite} ({rows.Count} rows):");
    Console.WriteLine();
    Console.Write(GuardRates.Count(judged).ToMarkdown());
    foreach (var (row, verdict) in judged.Where(j => j.Item2.Blocked != j.row.Blocked))
    {
        Console.WriteLine($"  {(row.Blocked ? "MISSED" : "FALSE BLOCK")} {verdict.Score:0.000} {verdict.Category ?? row.Reason} [{row.Kind}] {row.Description}");
    }
}

internal static partial class Program
{
    private static readonly string[] Suites = ["safety", "holdout", "edge", "real"];
}
