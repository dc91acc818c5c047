using System.CommandLine;
using Tailor.Domains;
using Tailor.Domains.Building;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor data split --in FILE... --out DIR</c>: splits existing rows (e.g. teacher output plus an earlier build)
/// into a dataset folder, keeping groups and near duplicates on one side, with suites and a card.
/// </summary>
internal static class DataSplitCommand
{
    public static Command Create()
    {
        var inputs = new Option<string[]>("--in") { Description = "Dataset JSONL file(s) (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Dataset folder", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the split", DefaultValueFactory = _ => 1 };
        var validation = new Option<double>("--validation") { Description = "Validation share", DefaultValueFactory = _ => 0.1 };
        var test = new Option<double>("--test") { Description = "Test share", DefaultValueFactory = _ => 0.1 };
        var command = new Command("split", "Split dataset files group- and near-duplicate-disjointly into train/validation/test") { inputs, output, seed, validation, test };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var (v, t) = (parse.GetValue(validation), parse.GetValue(test));
            if (v is < 0 or >= 1 || t is < 0 or >= 1 || v + t >= 1)
            {
                throw new DomainDataException($"--validation ({v}) and --test ({t}) must be in [0, 1) and leave room for train.");
            }
            var directory = parse.GetValue(output)!;
            var files = parse.GetValue(inputs)!;
            foreach (var file in files.Where(f => Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(f))!) == Path.GetFullPath(directory)
                && Path.GetFileName(f) is "train.jsonl" or "validation.jsonl" or "test.jsonl"))
            {
                throw new DomainDataException($"{file}: would be overwritten by the split; write to another --out folder.");
            }
            var options = new DatasetBuildOptions(parse.GetValue(seed))
            {
                SyntheticCount = 0,
                InputFiles = files,
                ValidationShare = v,
                TestShare = t,
                CommandLine = "tailor " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            };
            var result = DataSynthCommand.Build(options, directory);
            Console.WriteLine(DataStatsCommand.Summary(result.Splits));
            Console.WriteLine($"dataset written to {directory} (card: {result.CardPath})");
        }));
        return command;
    }
}
