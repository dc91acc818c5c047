using System.CommandLine;
using Tailor.Engine;
using Tailor.Engine.Checkpoints;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor info --model DIR</c>: what a model folder holds, read from headers without loading weights.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model folder (HF layout: config.json, *.safetensors, tokenizer files)", Required = true };
        var command = new Command("info", "Print a model's architecture, parameter count, dtype, vocabulary and special tokens") { model };
        command.SetAction(parse => CliErrors.Run(() => Print(parse.GetValue(model)!)));
        return command;
    }

    static void Print(string dir)
    {
        var config = LlamaConfig.Load(dir);
        Console.WriteLine($"model            {Path.GetFullPath(dir)}");
        Console.WriteLine($"architecture     {config.Architecture}");
        Console.WriteLine($"layers           {config.NumHiddenLayers} x (hidden {config.HiddenSize}, heads {config.NumAttentionHeads}, kv heads {config.NumKeyValueHeads}, head dim {config.HeadDim}, mlp {config.IntermediateSize})");
        Console.WriteLine($"positions        {config.MaxPositionEmbeddings} (rope theta {config.RopeTheta}{(config.RopeScaling is { } rs ? $", {rs.RopeType} scaling x{rs.Factor}" : "")}{(config.SlidingWindow is { } w ? $", sliding window {w}" : "")})");
        Console.WriteLine($"embeddings       {(config.TieWordEmbeddings ? "tied" : "untied")}");

        var files = Directory.GetFiles(dir, "*.safetensors").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new EngineException($"{dir}: no *.safetensors weights found");
        var tensors = files.SelectMany(f => SafeTensorsReader.ReadHeader(f).Values).ToList();
        long stored = tensors.Sum(t => t.Shape.Aggregate(1L, (a, b) => a * b));
        var dtypes = string.Join(", ", tensors.Select(t => DtypeNames.Name(t.DType)).Distinct());
        Console.WriteLine($"parameters       {stored:N0} stored ({config.ParameterCount():N0} expected from config)");
        Console.WriteLine($"dtype            {dtypes} (config torch_dtype: {config.TorchDtype})");
        Console.WriteLine($"weights          {files.Count} file(s), {files.Sum(f => new FileInfo(f).Length) / 1e6:F1} MB");

        Console.WriteLine($"vocab (model)    {config.VocabSize}");
        var hasTokenizer = File.Exists(Path.Combine(dir, "tokenizer.json")) || File.Exists(Path.Combine(dir, "tokenizer.model"));
        if (!hasTokenizer)
        {
            Console.WriteLine("tokenizer        none in this folder");
            return;
        }
        var tokenizer = TextTokenizer.Load(dir);
        Console.WriteLine($"tokenizer        {tokenizer.Kind}, vocab {tokenizer.VocabSize}");
        Console.WriteLine($"special tokens   bos={Show(tokenizer.BosTokenId)} eos={Show(tokenizer.EosTokenId)} pad={Show(tokenizer.PadTokenId)} stop=[{string.Join(", ", tokenizer.StopTokenIds)}]");
        foreach (var (text, id) in tokenizer.SpecialTokens.OrderBy(p => p.Value))
            Console.WriteLine($"                 {id,6}  {text}");
        if (tokenizer.ChatTemplate is not null) Console.WriteLine("chat template    yes");
    }

    static string Show(int? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
