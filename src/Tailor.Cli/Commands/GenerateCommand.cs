using System.CommandLine;
using Tailor.Engine.Generation;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Training.Adapters;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor generate</c>: continue a prompt with a model folder, streaming the text.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model folder (HF layout)", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "Text to continue", Required = true };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Tokens to generate at most", DefaultValueFactory = _ => 64 };
        var temperature = new Option<double>("--temperature") { Description = "0 = greedy; above 0 samples", DefaultValueFactory = _ => 0.0 };
        var topK = new Option<int>("--top-k") { Description = "Sample among the k most likely tokens (0: off)" };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass (1: off)", DefaultValueFactory = _ => 1.0 };
        var repetition = new Option<double>("--repetition-penalty") { Description = "Penalty on repeated tokens (1: off)", DefaultValueFactory = _ => 1.0 };
        var beams = new Option<int>("--num-beams") { Description = "Beam search with n beams (1: off)", DefaultValueFactory = _ => 1 };
        var lengthPenalty = new Option<double>("--length-penalty") { Description = "Beam score = logprob / length^p", DefaultValueFactory = _ => 1.0 };
        var returns = new Option<int>("--num-return-sequences") { Description = "Outputs per prompt (beams or samples)", DefaultValueFactory = _ => 1 };
        var stop = new Option<string[]>("--stop") { Description = "Stop string (repeatable)", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<long>("--seed") { Description = "Seed for sampling", DefaultValueFactory = _ => 0 };
        var dtype = new Option<string?>("--dtype") { Description = "float32 | bfloat16 (default: the checkpoint's)" };
        var adapter = new Option<string?>("--adapter") { Description = "A LoRA adapter folder (PEFT layout) to apply, unmerged, on top of the model" };

        var command = new Command("generate", "Generate text from a prompt")
        {
            model, prompt, maxNew, temperature, topK, topP, repetition, beams, lengthPenalty, returns, stop, seed, dtype, adapter,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var dir = parse.GetValue(model)!;
            var dtypeName = parse.GetValue(dtype);
            using var llm = LlamaCheckpoint.Load(dir, dtypeName is null ? null : DtypeNames.Parse(dtypeName, "--dtype"));
            if (parse.GetValue(adapter) is { } adapterDir) PeftAdapter.Load(llm, adapterDir);
            llm.eval();
            var tokenizer = TextTokenizer.Load(dir);
            var config = new GenerationConfig
            {
                MaxNewTokens = parse.GetValue(maxNew),
                Temperature = parse.GetValue(temperature),
                TopK = parse.GetValue(topK),
                TopP = parse.GetValue(topP),
                RepetitionPenalty = parse.GetValue(repetition),
                NumBeams = parse.GetValue(beams),
                LengthPenalty = parse.GetValue(lengthPenalty),
                NumReturnSequences = parse.GetValue(returns),
                StopStrings = parse.GetValue(stop) ?? [],
                Seed = parse.GetValue(seed),
            };
            var text = parse.GetValue(prompt)!;
            var generator = new TextGenerator(llm, tokenizer);
            bool stream = config.NumReturnSequences == 1 && config.NumBeams == 1 && config.StopStrings.Count == 0;
            if (stream)
            {
                Console.Write(text);
                var result = generator.Generate([text], config, (_, fresh) => Console.Write(fresh)).Single();
                Console.WriteLine();
                Console.Error.WriteLine($"[{result.Tokens.Count} tokens, finished by {result.FinishReason}]");
                return;
            }
            foreach (var (completion, rank) in generator.Generate([text], config).Select((c, i) => (c, i + 1)))
                Console.WriteLine($"#{rank} (score {completion.Score:F3}, {completion.FinishReason}): {text}{completion.Text}");
        }));
        return command;
    }
}
