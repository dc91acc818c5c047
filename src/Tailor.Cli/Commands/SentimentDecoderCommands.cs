using System.CommandLine;
using System.Globalization;
using Tailor.Sentiment.Decoder;

namespace Tailor.Cli.Commands;

/// <summary>
/// The decoder routes of issue 7 under <c>tailor sentiment</c>: <c>lm</c> pretrains a small Llama on the reviews,
/// <c>prompt</c> scores zero- and few-shot prompting, <c>lora</c> trains and scores a LoRA classifier. Each takes a
/// recipe and writes a run directory with metrics.json and report.md.
/// </summary>
internal static class SentimentDecoderCommands
{
    public static Command Lm()
    {
        var recipe = new Argument<string>("recipe") { Description = "Language-model recipe (YAML or JSON), e.g. recipes/sentiment/decoder-lm.yaml" };
        var fresh = new Option<bool>("--fresh") { Description = "Ignore trainer checkpoints of a killed run (finished stages are still skipped)" };
        var command = new Command("lm", "Learn a byte-level BPE vocabulary and pretrain a small Llama (causal LM) on the reviews") { recipe, fresh };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var loaded = DecoderRecipes.Load<LanguageModelRecipe>(parse.GetValue(recipe)!);
            new LanguageModelPipeline(loaded, Console.Out).Run(resume: !parse.GetValue(fresh));
            Console.WriteLine($"run directory: {loaded.RunDirectory}");
        }));
        return command;
    }

    public static Command Prompt()
    {
        var recipe = new Argument<string?>("recipe") { Description = "Prompt recipe (YAML or JSON), e.g. recipes/sentiment/decoder-prompt.yaml; the options override it", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = "Causal-LM folder (config.json, model.safetensors, tokenizer)" };
        var shots = new Option<string?>("--shots") { Description = "Shot counts, comma-separated, e.g. 0,2,4" };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds 1..N draw the demonstrations" };
        var limit = new Option<int?>("--limit") { Description = "Score at most N test reviews" };
        var train = new Option<string?>("--train") { Description = "Training JSONL (.gz ok): the demonstrations' pool" };
        var test = new Option<string?>("--test") { Description = "Test JSONL (.gz ok)" };
        var output = new Option<string?>("--out") { Description = "Run directory for metrics.json and report.md (default: OUTPUT_DIR/NAME of the recipe)" };
        var command = new Command("prompt", "Zero- and few-shot prompting of a causal LM: the likelier label word after \"Review: …\\nSentiment:\"")
        {
            recipe, model, shots, seeds, limit, train, test, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(recipe);
            var loaded = path is null ? new PromptRecipe() : DecoderRecipes.Load<PromptRecipe>(path);
            loaded = loaded with
            {
                Model = parse.GetValue(model) ?? loaded.Model,
                Shots = parse.GetValue(shots) is { } list ? ParseShots(list) : loaded.Shots,
                Seeds = parse.GetValue(seeds) ?? loaded.Seeds,
                Data = loaded.Data with
                {
                    Train = parse.GetValue(train) ?? loaded.Data.Train,
                    Test = parse.GetValue(test) ?? loaded.Data.Test,
                    TestRows = parse.GetValue(limit) ?? loaded.Data.TestRows,
                },
            };
            loaded.Validate("command line");
            var runDirectory = parse.GetValue(output) ?? loaded.RunDirectory;
            new PromptEvaluation(loaded, runDirectory, Console.Out).Run();
            Console.WriteLine($"written: {Path.Combine(runDirectory, "metrics.json")}, {Path.Combine(runDirectory, "report.md")}");
        }));
        return command;
    }

    public static Command Lora()
    {
        var recipe = new Argument<string>("recipe") { Description = "LoRA classifier recipe (YAML or JSON), e.g. recipes/sentiment/decoder-lora.yaml" };
        var fresh = new Option<bool>("--fresh") { Description = "Ignore trainer checkpoints of a killed run" };
        var command = new Command("lora", "Train LoRA (r=8) on a causal LM to answer the label word, then classify the test reviews with it") { recipe, fresh };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var loaded = DecoderRecipes.Load<LoraClassifierRecipe>(parse.GetValue(recipe)!);
            new LoraClassifierPipeline(loaded, Console.Out).Run(resume: !parse.GetValue(fresh));
            Console.WriteLine($"run directory: {loaded.RunDirectory}");
        }));
        return command;
    }

    static List<int> ParseShots(string list)
    {
        var shots = new List<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 0)
                throw new InvalidDataException($"--shots: '{part}' is not a shot count (a whole number >= 0)");
            shots.Add(k);
        }
        return shots;
    }
}
