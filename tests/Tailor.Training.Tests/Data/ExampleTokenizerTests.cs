using Tailor.Training.Data;

namespace Tailor.Training.Tests.Data;

public class ExampleTokenizerTests(TinyTokenizers tokenizers) : IClassFixture<TinyTokenizers>
{
    private const int Ignore = TokenizedExample.IgnoreIndex;

    [Fact]
    public void PromptIsMaskedAndCompletionLabelledWithEos()
    {
        var tok = tokenizers.Plain;
        var example = new ExampleTokenizer(tok).Tokenize(new PromptCompletionRecord("t:1", "What is the capital of France?", " Paris."));

        var prompt = tok.Encode("What is the capital of France?", addSpecialTokens: false);
        var completion = tok.Encode(" Paris.", addSpecialTokens: false);
        var eos = tok.EosTokenId!.Value;
        Assert.Equal([.. prompt, .. completion, eos], example.InputIds);
        Assert.Equal([.. Enumerable.Repeat(Ignore, prompt.Count), .. completion, eos], example.Labels);
        Assert.Equal(" Paris.<|endoftext|>", tok.Decode(example.Labels.Where(l => l != Ignore)));
        // The boundary falls where byte-level BPE splits the whole text anyway.
        Assert.Equal(tok.Encode("What is the capital of France? Paris.", addSpecialTokens: false), example.InputIds[..^1]);
    }

    [Fact]
    public void BosComesFromTheTokenizerAndIsNeverLabelled()
    {
        var tok = tokenizers.PlainWithBos;
        var example = new ExampleTokenizer(tok).Tokenize(new PromptCompletionRecord("t:1", "hello", " world"));

        var prompt = tok.Encode("hello", addSpecialTokens: false);
        var completion = tok.Encode(" world", addSpecialTokens: false);
        int bos = tok.BosTokenId!.Value, eos = tok.EosTokenId!.Value;
        Assert.Equal([bos, .. prompt, .. completion, eos], example.InputIds);
        Assert.Equal([Ignore, .. Enumerable.Repeat(Ignore, prompt.Count), .. completion, eos], example.Labels);
        Assert.Equal("<s>hello world</s>", tok.Decode(example.InputIds));
    }

    [Fact]
    public void EosIsNotDoubledWhenTheCompletionEndsWithIt()
    {
        var tok = tokenizers.Plain;
        var example = new ExampleTokenizer(tok).Tokenize(new PromptCompletionRecord("t:1", "hello", " world<|endoftext|>"));
        Assert.Equal("hello world<|endoftext|>", tok.Decode(example.InputIds));
    }

    [Fact]
    public void TextIsLabelledEverywhereButPositionZero()
    {
        var tok = tokenizers.Plain;
        var example = new ExampleTokenizer(tok).Tokenize(new TextRecord("t:1", "the cat sat on the mat."));
        var text = tok.Encode("the cat sat on the mat.", addSpecialTokens: false);
        var eos = tok.EosTokenId!.Value;
        Assert.Equal([.. text, eos], example.InputIds);
        // Nothing precedes position 0, so nothing can predict it.
        Assert.Equal([Ignore, .. text.Skip(1), eos], example.Labels);

        var withBos = new ExampleTokenizer(tokenizers.PlainWithBos).Tokenize(new TextRecord("t:1", "the cat"));
        Assert.Equal(tokenizers.PlainWithBos.BosTokenId, withBos.InputIds[0]);
        Assert.Equal(withBos.InputIds[1..], withBos.Labels[1..]);
        Assert.Equal(Ignore, withBos.Labels[0]);
    }

    [Fact]
    public void SentencePieceCompletionEncodesAsInTheWholeText()
    {
        // SentencePiece adds a dummy-prefix space to every text it encodes; the completion's own space must not double it.
        var tok = tokenizers.SentencePiece;
        var example = new ExampleTokenizer(tok).Tokenize(new PromptCompletionRecord("t:1", "Hello", " world"));
        Assert.Equal([.. tok.Encode("Hello world", addSpecialTokens: true), tok.EosTokenId!.Value], example.InputIds);
        Assert.Equal([.. tok.Encode("world", addSpecialTokens: false), tok.EosTokenId!.Value], example.Labels.Where(l => l != Ignore));
        Assert.Equal("Hello world</s>", tok.Decode(example.InputIds, skipSpecialTokens: false)[3..]);
    }

    [Fact]
    public void ATokenizerWithoutEosCannotEndExamples()
    {
        var tok = tokenizers.Variant(bos: null, eos: null, pad: "<|pad|>");
        var ex = Assert.Throws<TrainingException>(() => new ExampleTokenizer(tok).Tokenize(new TextRecord("t:1", "the cat")));
        Assert.Contains("no EOS token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConversationErrorsNameTheRecord()
    {
        var record = new ConversationRecord("data/chat.jsonl:12",
            [new ChatMessage("user", "hello"), new ChatMessage("user", "again"), new ChatMessage("assistant", "yes")]);
        var ex = Assert.Throws<TrainingException>(() => new ExampleTokenizer(tokenizers.Llama2).Tokenize(record));
        Assert.StartsWith("data/chat.jsonl:12: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alternate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatTemplateIsOnlyNeededForConversations()
    {
        // An unrecognised chat_template does not stop prompt-completion data...
        var tok = tokenizers.Variant(bos: null, eos: "<|endoftext|>", pad: null, template: "{{ messages | tojson }}");
        var tokenizer = new ExampleTokenizer(tok);
        Assert.NotEmpty(tokenizer.Tokenize(new PromptCompletionRecord("t:1", "hello", " world")).InputIds);
        // ...and an explicit choice overrides it.
        Assert.Equal("chatml", new ExampleTokenizer(tok, "chatml").ChatTemplate.Name);
        Assert.Throws<TrainingException>(() => tokenizer.ChatTemplate);
    }
}
