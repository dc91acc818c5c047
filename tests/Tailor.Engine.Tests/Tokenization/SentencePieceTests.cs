using System.Text.Json;
using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

/// <summary>
/// A tiny Llama-2-style SentencePiece model (Fixtures/make_fixtures.py) against the ids that Google's
/// sentencepiece produced for it.
/// </summary>
public class SentencePieceTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Tokenization", "Fixtures", "sentencepiece");
    private static readonly Lazy<TextTokenizer> Loaded = new(() => TextTokenizer.Load(Dir));

    private static TextTokenizer Tok => Loaded.Value;

    public static TheoryData<string, int[], string> Expected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "expected_ids.json")));
        var data = new TheoryData<string, int[], string>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("text").GetString()!,
                [.. c.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32())],
                c.GetProperty("decoded").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void MatchesReferenceSentencePiece(string text, int[] ids, string decoded)
    {
        Assert.Equal(ids, Tok.Encode(text, addSpecialTokens: false));
        Assert.Equal(decoded, Tok.Decode(ids));
        // tokenizer_config.json asks for BOS.
        Assert.Equal([1, .. ids], Tok.Encode(text));
        Assert.Equal(decoded, Tok.Decode([1, .. ids], skipSpecialTokens: true));
    }

    [Theory]
    [MemberData(nameof(Samples.RoundTrip), MemberType = typeof(Samples))]
    public void RoundTripsAnyText(string text)
    {
        var ids = Tok.Encode(text);
        Assert.Equal(text, Tok.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void ReadsTheHfSideFiles()
    {
        Assert.Equal(TextTokenizer.SentencePieceKind, Tok.Kind);
        Assert.Equal(400, Tok.VocabSize);
        Assert.Equal(1, Tok.BosTokenId);
        Assert.Equal(2, Tok.EosTokenId);
        Assert.Null(Tok.PadTokenId);
        Assert.Equal(new HashSet<int> { 2 }, Tok.StopTokenIds);
        Assert.Equal(2048, Tok.ModelMaxLength);
        Assert.StartsWith("{% for m in messages %}", Tok.ChatTemplate, StringComparison.Ordinal);
        Assert.Equal(1, Tok.SpecialTokens["<s>"]);
        Assert.Equal(2, Tok.SpecialTokens["</s>"]);
    }

    [Fact]
    public void SpecialTokensInTextEncodeToTheirIds()
    {
        var ids = Tok.Encode("<s>Hello</s>", addSpecialTokens: false);
        Assert.Equal(1, ids[0]);
        Assert.Equal(2, ids[^1]);
        Assert.Equal("<s>Hello</s>", Tok.Decode(ids));
        Assert.Equal("Hello", Tok.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void WithoutConfigUsesTheModelsControlPieces()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(Dir, "tokenizer.model"), dir.File("tokenizer.model"));
        var tok = TextTokenizer.Load(dir.Path);
        Assert.Equal(1, tok.BosTokenId);
        Assert.Equal(2, tok.EosTokenId);
        Assert.Null(tok.ChatTemplate);
        Assert.Equal(1, tok.Encode("Hello")[0]);
    }

    [Fact]
    public void ConfigCanTurnBosOffAndEosOn()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(Dir, "tokenizer.model"), dir.File("tokenizer.model"));
        dir.Write("tokenizer_config.json", """{"add_bos_token": false, "add_eos_token": true, "eos_token": {"content": "</s>"}}""");
        dir.Write("generation_config.json", """{"eos_token_id": [2, 0]}""");
        var tok = TextTokenizer.Load(dir.Path);
        var ids = tok.Encode("Hello");
        Assert.Equal(tok.Encode("Hello", addSpecialTokens: false).Append(2), ids);
        Assert.Equal(new HashSet<int> { 0, 2 }, tok.StopTokenIds);
    }

    [Theory]
    [InlineData(new[] { 36, 333, 233, 160, 180 }, "! 東")]
    [InlineData(new[] { 233, 160, 180, 333, 233, 160, 180 }, "東 東")]
    [InlineData(new[] { 1, 333, 389 }, "H")]
    [InlineData(new[] { 1, 36, 333, 389 }, "! H")]
    [InlineData(new[] { 333, 333, 389 }, " H")]
    [InlineData(new[] { 389, 333 }, "H ")]
    public void DecodesSpacesLikeSentencePiece(int[] ids, string expected)
    {
        // Expected values from sentencepiece's decode (which drops control tokens such as <s> = 1).
        Assert.Equal(expected, Tok.Decode(ids, skipSpecialTokens: true));
    }

    [Theory]
    [InlineData("Hi <s> there</s>")]
    [InlineData("Hi<s>there</s>")]
    [InlineData("</s> x")]
    [InlineData("東<s> 京")]
    public void RoundTripsSpecialTokensInsideText(string text)
    {
        Assert.Equal(text, Tok.Decode(Tok.Encode(text, addSpecialTokens: false)));
    }
}
