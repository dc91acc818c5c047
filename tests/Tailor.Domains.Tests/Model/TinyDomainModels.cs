using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Tests;

namespace Tailor.Domains.Tests.Model;

/// <summary>
/// Model directories with random weights and a byte-level BPE tokenizer trained on a few domain-like lines: the
/// constraint must hold for any weights, so random ones are the honest test. One tokenizer per fixture; one model
/// directory per seed, made on demand.
/// </summary>
public sealed class TinyDomainModels : IDisposable
{
    public const string Eos = "<|endoftext|>";

    private readonly TempDirectory _dir = new();
    private readonly Dictionary<long, string> _models = [];
    private readonly Lock _gate = new();

    public TinyDomainModels()
    {
        BpeTrainer.Train(Corpus(), 400, [Eos, "<|pad|>"], TokenizerDir, bosToken: Eos, eosToken: Eos, padToken: "<|pad|>", addBosToken: true, minFrequency: 2);
        Tokenizer = TextTokenizer.Load(TokenizerDir);
    }

    public TextTokenizer Tokenizer { get; }

    private string TokenizerDir => _dir.File("tokenizer");

    /// <summary>A saved model directory (weights + tokenizer) with random weights drawn from <paramref name="seed"/>.</summary>
    public string ModelDir(long seed)
    {
        lock (_gate)
        {
            if (_models.TryGetValue(seed, out var existing))
            {
                return existing;
            }
            var dir = _dir.File($"tiny-{seed}");
            using var model = Build(seed);
            LlamaCheckpoint.Save(model, dir);
            TextTokenizer.CopyFiles(TokenizerDir, dir);
            _models[seed] = dir;
            return dir;
        }
    }

    public LlamaForCausalLM Build(long seed) =>
        new LlamaForCausalLM(new LlamaConfig
        {
            VocabSize = Tokenizer.VocabSize,
            HiddenSize = 32,
            IntermediateSize = 64,
            NumHiddenLayers = 2,
            NumAttentionHeads = 4,
            NumKeyValueHeads = 2,
            HeadDim = 8,
            MaxPositionEmbeddings = 1024,
            RmsNormEps = 1e-5,
            TieWordEmbeddings = true,
            BosTokenId = Tokenizer.BosTokenId,
            EosTokenIds = [Tokenizer.EosTokenId!.Value],
        }).InitializeWeights(seed, std: 0.5);

    public void Dispose() => _dir.Dispose();

    private static IEnumerable<string> Corpus()
    {
        string[] words = ["bright", "leaf", "coffee", "bean", "studio", "pixel", "cloud", "green", "bakery", "north", "code", "craft"];
        string[] tlds = ["com", "io", "co", "shop", "ai", "studio", "app"];
        var random = new Random(3);
        for (var i = 0; i < 400; i++)
        {
            var description = $"A {words[random.Next(words.Length)]} shop that sells {words[random.Next(words.Length)]} things.";
            var names = Enumerable.Range(0, 3).Select(_ =>
                $"{words[random.Next(words.Length)]}{(random.Next(3) == 0 ? "-" : "")}{words[random.Next(words.Length)]}.{tlds[random.Next(tlds.Length)]}");
            yield return description + "\n###\n" + string.Join("\n", names);
        }
    }
}
