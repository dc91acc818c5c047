using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

/// <summary>Bad tokenizer directories fail with an EngineException that names the file and field.</summary>
public class TokenizerLoadErrorTests
{
    private const string MinimalModel = """
        "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}
        """;

    private const string ByteLevel = """
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true}
        """;

    // A JSON object from "name": value members.
    private static string Obj(params string[] members) => "{" + string.Join(", ", members) + "}";

    private static EngineException LoadFails(string? tokenizerJson = null, string? config = null, string? generationConfig = null)
    {
        using var dir = new TempDirectory();
        if (tokenizerJson is not null)
        {
            dir.Write("tokenizer.json", tokenizerJson);
        }
        if (config is not null)
        {
            dir.Write("tokenizer_config.json", config);
        }
        if (generationConfig is not null)
        {
            dir.Write("generation_config.json", generationConfig);
        }
        return Assert.Throws<EngineException>(() => TextTokenizer.Load(dir.Path));
    }

    [Fact]
    public void MissingDirectory()
    {
        var ex = Assert.Throws<EngineException>(() => TextTokenizer.Load("/nonexistent/tailor/model"));
        Assert.Contains("/nonexistent/tailor/model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTokenizerFiles()
    {
        var ex = LoadFails(config: "{}");
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownModelType()
    {
        var ex = LoadFails(Obj(""" "model": {"type": "WordPiece", "vocab": {"a": 0}}""", ByteLevel));
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.type 'WordPiece'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModel()
    {
        var ex = LoadFails(Obj(ByteLevel));
        Assert.Contains("tokenizer.json: missing field 'model'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingVocab()
    {
        var ex = LoadFails(Obj(""" "model": {"type": "BPE", "merges": []}""", ByteLevel));
        Assert.Contains("tokenizer.json: missing field 'model.vocab'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMerges()
    {
        var ex = LoadFails(Obj(""" "model": {"type": "BPE", "vocab": {"a": 0}}""", ByteLevel));
        Assert.Contains("tokenizer.json: missing field 'model.merges'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeOfUnknownToken()
    {
        var ex = LoadFails(Obj(""" "model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a c"]}""", ByteLevel));
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.merges", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedMerge()
    {
        var ex = LoadFails(Obj(""" "model": {"type": "BPE", "vocab": {"a": 0}, "merges": [["a"]]}""", ByteLevel));
        Assert.Contains("model.merges[0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotByteLevelWithoutSentencePieceModel()
    {
        var ex = LoadFails(Obj(MinimalModel, """ "pre_tokenizer": {"type": "Metaspace"}"""));
        Assert.Contains("tokenizer.json: pre_tokenizer has no ByteLevel step", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedPreTokenizerStep()
    {
        var ex = LoadFails(Obj(MinimalModel, """
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
              {"type": "Punctuation"}, {"type": "ByteLevel", "use_regex": true}]}
            """));
        Assert.Contains("pre_tokenizer.pretokenizers[0].type 'Punctuation'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJson()
    {
        var ex = LoadFails("{\"model\": ");
        Assert.Contains("tokenizer.json is not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EosTokenNotInVocabulary()
    {
        var ex = LoadFails(Obj(MinimalModel, ByteLevel), config: """{"eos_token": "</s>"}""");
        Assert.Contains("tokenizer_config.json: eos_token '</s>'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadGenerationConfig()
    {
        var ex = LoadFails(Obj(MinimalModel, ByteLevel), generationConfig: """{"eos_token_id": "two"}""");
        Assert.Contains("generation_config.json: field 'eos_token_id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptSentencePieceModel()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("tokenizer.model"), [0xFF, 0xFF, 0xFF, 0x01, 0x02]);
        var ex = Assert.Throws<EngineException>(() => TextTokenizer.Load(dir.Path));
        Assert.Contains("tokenizer.model", ex.Message, StringComparison.Ordinal);
    }
}
