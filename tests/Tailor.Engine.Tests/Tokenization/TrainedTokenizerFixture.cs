using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

/// <summary>One byte-level BPE tokenizer trained for a whole test class (training takes a moment).</summary>
public sealed class TrainedTokenizerFixture : IDisposable
{
    public const int VocabSize = 1000;
    public static readonly string[] Specials = ["<|endoftext|>", "<|pad|>", "<|im_start|>", "<|im_end|>"];

    private readonly TempDirectory _dir = new();

    public TrainedTokenizerFixture()
    {
        BpeTrainer.Train(Samples.Corpus(300_000), VocabSize, Specials, _dir.Path,
            bosToken: "<|endoftext|>", eosToken: "<|endoftext|>", padToken: "<|pad|>");
        Tokenizer = TextTokenizer.Load(_dir.Path);
    }

    public string Dir => _dir.Path;

    public TextTokenizer Tokenizer { get; }

    public void Dispose() => _dir.Dispose();
}
