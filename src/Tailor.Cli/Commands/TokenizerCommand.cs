using System.CommandLine;
using Tailor.Engine;
using Tailor.Engine.Tokenization;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor tokenizer train</c>: a byte-level BPE tokenizer for a model trained from scratch.</summary>
internal static class TokenizerCommand
{
    /// <summary>The special tokens of every tokenizer we train: BOS, EOS, padding.</summary>
    public static readonly IReadOnlyList<string> SpecialTokens = ["<|begin_of_text|>", "<|end_of_text|>", "<|pad|>"];

    public static Command Create()
    {
        var corpus = new Option<string[]>("--corpus") { Description = "Plain-text file(s) to learn from (one document per line)", Required = true };
        var vocab = new Option<int>("--vocab-size") { Description = "Vocabulary size, special and byte tokens included", DefaultValueFactory = _ => 4096 };
        var output = new Option<string>("--out") { Description = "Folder for tokenizer.json, vocab.json, merges.txt, tokenizer_config.json", Required = true };
        var train = new Command("train", "Train a byte-level BPE tokenizer (HF layout)") { corpus, vocab, output };
        train.SetAction(parse => CliErrors.Run(() =>
        {
            var dir = parse.GetValue(output)!;
            Train(ReadCorpus(parse.GetValue(corpus)!), parse.GetValue(vocab), dir);
            var tokenizer = TextTokenizer.Load(dir);
            Console.WriteLine($"trained {tokenizer.Kind} tokenizer with {tokenizer.VocabSize} tokens -> {dir}");
        }));
        return new Command("tokenizer", "Tokenizer tools") { train };
    }

    public static void Train(IEnumerable<string> corpus, int vocabSize, string outputDir) =>
        BpeTrainer.Train(corpus, vocabSize, SpecialTokens, outputDir,
            bosToken: SpecialTokens[0], eosToken: SpecialTokens[1], padToken: SpecialTokens[2], addBosToken: true);

    public static IEnumerable<string> ReadCorpus(IReadOnlyList<string> files)
    {
        foreach (var file in files)
            if (!File.Exists(file)) throw new EngineException($"{file}: corpus file not found");
        return files.SelectMany(File.ReadLines);
    }
}
