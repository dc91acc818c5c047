using System.Diagnostics;
using System.Text.Json;
using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

public class BpeTrainerTests(TrainedTokenizerFixture trained) : IClassFixture<TrainedTokenizerFixture>
{
    private readonly TextTokenizer _tok = trained.Tokenizer;

    [Theory]
    [MemberData(nameof(Samples.RoundTrip), MemberType = typeof(Samples))]
    public void RoundTripsAnyText(string text)
    {
        var ids = _tok.Encode(text, addSpecialTokens: false);
        Assert.Equal(text, _tok.Decode(ids));
        Assert.All(ids, id => Assert.InRange(id, 0, _tok.VocabSize - 1));
    }

    [Fact]
    public void HonoursVocabSize()
    {
        Assert.Equal(TrainedTokenizerFixture.VocabSize, _tok.VocabSize);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(trained.Dir, "tokenizer.json")));
        var model = doc.RootElement.GetProperty("model");
        Assert.Equal(TrainedTokenizerFixture.VocabSize, model.GetProperty("vocab").EnumerateObject().Count());
        var specials = TrainedTokenizerFixture.Specials.Length;
        Assert.Equal(TrainedTokenizerFixture.VocabSize - specials - 256, model.GetProperty("merges").GetArrayLength());
        // vocab.json/merges.txt (GPT-2's own format) carry the same model.
        using var vocab = JsonDocument.Parse(File.ReadAllText(Path.Combine(trained.Dir, "vocab.json")));
        Assert.Equal(TrainedTokenizerFixture.VocabSize, vocab.RootElement.EnumerateObject().Count());
        var mergeLines = File.ReadAllLines(Path.Combine(trained.Dir, "merges.txt"));
        Assert.Equal("#version: 0.2", mergeLines[0]);
        Assert.Equal(model.GetProperty("merges").EnumerateArray().Select(m => m.GetString()), mergeLines.Skip(1));
    }

    [Fact]
    public void AllBytesAreInTheBaseVocabulary()
    {
        // Byte b is the token right after the special tokens, so any byte sequence is encodable.
        var offset = TrainedTokenizerFixture.Specials.Length;
        for (var b = 0; b < 128; b++)
        {
            Assert.Equal(((char)b).ToString(), _tok.Decode([offset + b]));
        }
        Assert.Equal("é", _tok.Decode([offset + 0xC3, offset + 0xA9]));
    }

    [Theory]
    [InlineData("The")]
    [InlineData(" the")]
    [InlineData(" and")]
    [InlineData(" of")]
    [InlineData(" tokenizer")]
    [InlineData(" vocabulary")]
    public void FrequentWordsBecomeSingleTokens(string word)
    {
        Assert.Single(_tok.Encode(word, addSpecialTokens: false));
    }

    [Fact]
    public void SpecialTokensEncodeToTheirIds()
    {
        for (var i = 0; i < TrainedTokenizerFixture.Specials.Length; i++)
        {
            Assert.Equal([i], _tok.Encode(TrainedTokenizerFixture.Specials[i], addSpecialTokens: false));
            Assert.Equal(i, _tok.SpecialTokens[TrainedTokenizerFixture.Specials[i]]);
        }
        var ids = _tok.Encode("<|im_start|>user\nthe model<|im_end|><|endoftext|>", addSpecialTokens: false);
        Assert.Equal(2, ids[0]);
        Assert.Equal([3, 0], ids.TakeLast(2));
        Assert.Equal("<|im_start|>user\nthe model<|im_end|><|endoftext|>", _tok.Decode(ids));
        Assert.Equal("user\nthe model", _tok.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void ConfigMapsBosEosPad()
    {
        Assert.Equal(TextTokenizer.ByteLevelBpeKind, _tok.Kind);
        Assert.Equal(0, _tok.BosTokenId);
        Assert.Equal(0, _tok.EosTokenId);
        Assert.Equal(1, _tok.PadTokenId);
        Assert.Equal(new HashSet<int> { 0 }, _tok.StopTokenIds);
        // addBosToken was not asked for.
        Assert.Equal(_tok.Encode("hi", addSpecialTokens: false), _tok.Encode("hi"));
    }

    [Fact]
    public void IsDeterministic()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        BpeTrainer.Train(Samples.Corpus(60_000, seed: 7), 600, ["<s>", "</s>"], a.Path, bosToken: "<s>", eosToken: "</s>", addBosToken: true);
        BpeTrainer.Train(Samples.Corpus(60_000, seed: 7), 600, ["<s>", "</s>"], b.Path, bosToken: "<s>", eosToken: "</s>", addBosToken: true);
        foreach (var name in new[] { "tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json" })
        {
            Assert.Equal(File.ReadAllBytes(a.File(name)), File.ReadAllBytes(b.File(name)));
        }
        var tok = TextTokenizer.Load(a.Path);
        Assert.Equal(600, tok.VocabSize);
        // add_bos_token is honoured, and written as a template that HF's fast tokenizer follows too.
        Assert.Equal(0, tok.Encode("hello")[0]);
        Assert.Equal(tok.Encode("hello", addSpecialTokens: false), tok.Encode("hello").Skip(1));
        Assert.Contains("TemplateProcessing", File.ReadAllText(a.File("tokenizer.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void TiesAreBrokenByTokenText()
    {
        // (c,d), (a,b) and (Ġ,a) all occur twice; ("a","b") is first in ordinal order although "cd" comes first
        // in the text. Then ("c","d") beats ("Ġ","ab").
        using var dir = new TempDirectory();
        BpeTrainer.Train(["cd ab cd ab"], 256 + 2, [], dir.Path);
        Assert.Equal(["#version: 0.2", "a b", "c d"], File.ReadAllLines(dir.File("merges.txt")));
        var tok = TextTokenizer.Load(dir.Path);
        Assert.Equal([' ', 256, ' ', 257], tok.Encode(" ab cd", addSpecialTokens: false));
    }

    [Fact]
    public void StopsWhenNoPairIsFrequentEnough()
    {
        // Only (a,b) and then (ab,c) occur twice; everything else once.
        using var dir = new TempDirectory();
        BpeTrainer.Train(["abc abc xyz"], 5000, ["<eos>"], dir.Path, eosToken: "<eos>", minFrequency: 2);
        var tok = TextTokenizer.Load(dir.Path);
        Assert.Equal(1 + 256 + 2, tok.VocabSize);
        Assert.Equal([tok.VocabSize - 1], tok.Encode("abc", addSpecialTokens: false));
    }

    [Fact]
    public void RejectsInconsistentArguments()
    {
        using var dir = new TempDirectory();
        Assert.Throws<EngineException>(() => BpeTrainer.Train(["x"], 100, [], dir.Path));
        Assert.Throws<EngineException>(() => BpeTrainer.Train(["x"], 300, ["<a>", "<a>"], dir.Path));
        Assert.Throws<EngineException>(() => BpeTrainer.Train(["x"], 300, ["<a>"], dir.Path, eosToken: "<b>"));
        Assert.Throws<EngineException>(() => BpeTrainer.Train(["x"], 300, ["<a>"], dir.Path, addBosToken: true));
    }

    [Fact]
    public void TrainsFiveMegabytesQuickly()
    {
        using var dir = new TempDirectory();
        var corpus = Samples.Corpus(5_000_000, seed: 99, extraWords: 50_000).ToList();
        var watch = Stopwatch.StartNew();
        BpeTrainer.Train(corpus, 8000, ["<|endoftext|>"], dir.Path, eosToken: "<|endoftext|>", minFrequency: 1);
        watch.Stop();
        // Generous bound for a 2-core CI machine (5.5 MB of real text takes about 6 s there).
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 60);
    }
}
