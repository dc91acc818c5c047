using System.CommandLine;
using Tailor.Domains.Model;
using Tailor.Domains.Splits;
using Tailor.Engine.Tokenization;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor data export-sft DIR --out OUT</c>: the domain model's training input from a dataset folder: a byte-level
/// BPE tokenizer learnt from the train split (or a given one) in OUT/tokenizer, and OUT/train.jsonl and
/// OUT/validation.jsonl as prompt-completion records, which a recipe then trains on.
/// </summary>
internal static class DataExportCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dir") { Description = "Dataset folder (train/validation/test.jsonl)" };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Use this tokenizer instead of learning one" };
        var vocab = new Option<int>("--vocab-size") { Description = "Vocabulary of the learnt tokenizer", DefaultValueFactory = _ => 4096 };
        var command = new Command("export-sft", "Write a dataset as prompt-completion records for training the domain model") { dataset, output, tokenizer, vocab };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var splits = DatasetSplits.Read(parse.GetValue(dataset)!);
            var outDir = parse.GetValue(output)!;
            var tokenizerDir = parse.GetValue(tokenizer);
            if (tokenizerDir is null)
            {
                tokenizerDir = Path.Combine(outDir, "tokenizer");
                TokenizerCommand.Train(SftExport.TokenizerCorpus(splits), parse.GetValue(vocab), tokenizerDir);
            }
            var format = new DomainPromptFormat(TextTokenizer.Load(tokenizerDir));
            var (train, validation) = SftExport.Write(splits, format, outDir);
            Console.WriteLine($"{train} train and {validation} validation records ({DomainPromptFormat.Version}) -> {outDir}; tokenizer: {tokenizerDir}");
        }));
        return command;
    }
}
