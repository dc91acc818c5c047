using System.CommandLine;
using System.Globalization;
using Tailor.Domains.Data;
using Tailor.Domains.Model;
using Tailor.Evaluation.Calibration;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor model calibrate --model DIR --data VALIDATION.jsonl</c>: fits the domain model's confidence calibration on
/// validation descriptions (<see cref="CalibrationFitter"/>) and writes <c>calibration.json</c> into the model folder,
/// printing how the fitted confidences line up with the share of good names.
/// </summary>
internal static class ModelCalibrateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Domain model folder (the calibration is written into it)", Required = true };
        var data = new Option<string>("--data") { Description = "Validation rows (dataset JSONL), never a suite", Required = true };
        var cases = new Option<int>("--cases") { Description = "Descriptions to fit on", DefaultValueFactory = _ => 400 };
        var command = new Command("calibrate", "Fit a domain model's confidence calibration on validation descriptions") { model, data, cases };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var dir = parse.GetValue(model)!;
            var rows = DomainDatasetFile.Read(parse.GetValue(data)!).ToList();
            // The raw scores are wanted: any earlier calibration in the folder is ignored while fitting.
            using var suggester = ModelDomainSuggester.Load(dir, calibration: ConfidenceCalibration.Default);
            var wanted = parse.GetValue(cases);
            var (calibration, pairs) = CalibrationFitter.Fit(suggester, rows, wanted,
                done => Console.Error.Write($"\r{done} descriptions"));
            Console.Error.WriteLine();
            calibration.Save(dir);
            var good = pairs.Count(p => p.Good);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fitted on {pairs.Count} names ({good / (double)pairs.Count:P1} good) -> {Path.Combine(dir, ConfidenceCalibration.FileName)}"));
            Console.WriteLine("| confidence | names | good share |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var bin in pairs.GroupBy(p => Math.Min(4, (int)(calibration.Map(p.Score) * 5))).OrderBy(g => g.Key))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {bin.Key / 5.0:0.0}-{(bin.Key + 1) / 5.0:0.0} | {bin.Count()} | {bin.Average(p => p.Good ? 1.0 : 0.0):0.000} |"));
            }
        }));
        return command;
    }
}
