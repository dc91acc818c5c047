using System.Text;
using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

public class TokenStreamDecoderTests(TrainedTokenizerFixture trained) : IClassFixture<TrainedTokenizerFixture>
{
    private static readonly TextTokenizer SentencePiece =
        TextTokenizer.Load(Path.Combine(AppContext.BaseDirectory, "Tokenization", "Fixtures", "sentencepiece"));

    private const string Text = "Hello wörld! 東京 👨‍👩‍👧‍👦 and 🇯🇵\n\tdone  ";

    public static TheoryData<string> Tokenizers => ["bpe", "sp"];

    private TextTokenizer Get(string name) => name == "bpe" ? trained.Tokenizer : SentencePiece;

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void StreamsTheSameTextAsOneDecode(string name)
    {
        var tok = Get(name);
        var ids = tok.Encode(Text, addSpecialTokens: false);
        var decoder = new TokenStreamDecoder(tok);
        var streamed = new StringBuilder();
        foreach (var id in ids)
        {
            var piece = decoder.Push(id);
            // Never half a character: no replacement char and no lone surrogate.
            Assert.DoesNotContain('\uFFFD', piece);
            Assert.True(piece.Length == 0 || !char.IsHighSurrogate(piece[^1]), "piece ends in half a surrogate pair");
            streamed.Append(piece);
        }
        streamed.Append(decoder.Flush());
        Assert.Equal(Text, streamed.ToString());
        Assert.Equal(Text, decoder.Text);
    }

    [Fact]
    public void HoldsBackIncompleteUtf8()
    {
        // Byte tokens of "東" (E6 9D B1) one by one: nothing until the third byte.
        var tok = trained.Tokenizer;
        var offset = TrainedTokenizerFixture.Specials.Length;
        var decoder = new TokenStreamDecoder(tok);
        Assert.Equal("a", decoder.Push(offset + 'a'));
        Assert.Equal("", decoder.Push(offset + 0xE6));
        Assert.Equal("", decoder.Push(offset + 0x9D));
        Assert.Equal("東", decoder.Push(offset + 0xB1));
        // Stopping mid-character gives a replacement char; the stream then goes on.
        Assert.Equal("", decoder.Push(offset + 0xE6));
        Assert.Equal("\uFFFD", decoder.Flush());
        Assert.Equal("b", decoder.Push(offset + 'b'));
    }

    [Fact]
    public void SkipsSpecialTokensWhenAsked()
    {
        var tok = trained.Tokenizer;
        var ids = tok.Encode("<|im_start|>hi<|im_end|>", addSpecialTokens: false);
        var skipping = new TokenStreamDecoder(tok, skipSpecialTokens: true);
        var keeping = new TokenStreamDecoder(tok);
        foreach (var id in ids)
        {
            skipping.Push(id);
            keeping.Push(id);
        }
        Assert.Equal("hi", skipping.Text);
        Assert.Equal("<|im_start|>hi<|im_end|>", keeping.Text);
        keeping.Reset();
        Assert.Equal("", keeping.Text);
        Assert.Equal("The", keeping.Push(tok.Encode("The", addSpecialTokens: false).Single()));
    }
}
