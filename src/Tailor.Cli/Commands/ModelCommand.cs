using System.CommandLine;
using System.Reflection;
using Tailor.Engine;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using TorchSharp;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor model init</c>: a random-weight model folder in HF layout, so anything can be tried without downloads.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Model folder to create", Required = true };
        var preset = new Option<string>("--preset") { Description = $"Model size: {string.Join(" | ", ModelPresets.Names)}", DefaultValueFactory = _ => "tiny" };
        preset.AcceptOnlyFromAmong([.. ModelPresets.Names]);
        var arch = new Option<string>("--arch") { Description = "llama | mistral | qwen2", DefaultValueFactory = _ => "llama" };
        arch.AcceptOnlyFromAmong("llama", "mistral", "qwen2");
        var tokenizerDir = new Option<string?>("--tokenizer") { Description = "Reuse the tokenizer in this folder instead of training one" };
        var corpus = new Option<string[]>("--corpus") { Description = "Text file(s) to train the tokenizer on (default: a small built-in sample)" };
        var vocab = new Option<int>("--vocab-size") { Description = "Tokenizer vocabulary size when training one", DefaultValueFactory = _ => 512 };
        var seed = new Option<long>("--seed") { Description = "Seed for the random weights", DefaultValueFactory = _ => 0 };
        var dtype = new Option<string>("--dtype") { Description = "float32 | bfloat16", DefaultValueFactory = _ => "float32" };

        var init = new Command("init", "Create a model folder with random weights and a tokenizer")
        {
            output, preset, arch, tokenizerDir, corpus, vocab, seed, dtype,
        };
        init.SetAction(parse => CliErrors.Run(() =>
        {
            var dir = parse.GetValue(output)!;
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
                throw new EngineException($"{dir}: folder exists and is not empty; choose a new --out");
            Directory.CreateDirectory(dir);

            var from = parse.GetValue(tokenizerDir);
            if (from is not null) TextTokenizer.CopyFiles(from, dir);
            else
            {
                var files = parse.GetValue(corpus);
                var text = files is { Length: > 0 } ? TokenizerCommand.ReadCorpus(files) : DemoCorpus();
                TokenizerCommand.Train(text, parse.GetValue(vocab), dir);
            }
            var tokenizer = TextTokenizer.Load(dir);

            var architecture = parse.GetValue(arch) switch
            {
                "mistral" => LlamaConfig.Mistral,
                "qwen2" => LlamaConfig.Qwen2,
                _ => LlamaConfig.Llama,
            };
            var config = ModelPresets.Create(parse.GetValue(preset)!, tokenizer.VocabSize, architecture) with
            {
                BosTokenId = tokenizer.BosTokenId,
                EosTokenIds = tokenizer.EosTokenId is { } eos ? [eos] : [],
                PadTokenId = tokenizer.PadTokenId,
            };
            using var model = new LlamaForCausalLM(config).InitializeWeights(parse.GetValue(seed));
            model.to(DtypeNames.Parse(parse.GetValue(dtype)!, "--dtype"));
            LlamaCheckpoint.Save(model, dir);
            Console.WriteLine($"created {config.Architecture} ({parse.GetValue(preset)}, {config.ParameterCount():N0} parameters, random weights) -> {dir}");
        }));
        return new Command("model", "Model folder tools") { init, Convert(), ModelCalibrateCommand.Create() };
    }

    static string[] DemoCorpus()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo-corpus.txt")
            ?? throw new InvalidOperationException("the built-in demo corpus is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    /// <summary>
    /// <c>tailor model convert --model DIR --out DIR --dtype bfloat16</c>: the same model in another dtype (bf16 halves
    /// a shipped model's size), with its tokenizer files and any calibration copied along.
    /// </summary>
    private static readonly string[] FilesBesideWeights = ["calibration.json", "generation_config.json"];

    private static Command Convert()
    {
        var model = new Option<string>("--model") { Description = "Model folder", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var dtype = new Option<string>("--dtype") { Description = "float32 | bfloat16", DefaultValueFactory = _ => "bfloat16" };
        var convert = new Command("convert", "Write a model folder in another dtype (e.g. bfloat16 to halve its size)") { model, output, dtype };
        convert.SetAction(parse => CliErrors.Run(() =>
        {
            var from = parse.GetValue(model)!;
            var to = parse.GetValue(output)!;
            if (Path.GetFullPath(from) == Path.GetFullPath(to))
            {
                throw new EngineException("--out must differ from --model: the weights are read while the new ones are written.");
            }
            using var loaded = LlamaCheckpoint.Load(from, DtypeNames.Parse(parse.GetValue(dtype)!, "--dtype"));
            LlamaCheckpoint.Save(loaded, to);
            TextTokenizer.CopyFiles(from, to);
            foreach (var extra in FilesBesideWeights.Where(f => File.Exists(Path.Combine(from, f))))
            {
                File.Copy(Path.Combine(from, extra), Path.Combine(to, extra), overwrite: true);
            }
            var bytes = Directory.GetFiles(to, "*.safetensors").Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"{DtypeNames.Name(loaded.DType)} model -> {to} ({bytes / 1048576.0:0.0} MB of weights)");
        }));
        return convert;
    }
}
