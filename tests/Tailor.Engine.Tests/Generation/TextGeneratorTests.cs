using Tailor.Engine.Generation;
using Tailor.Engine.Models;
using Tailor.Engine.Tests.Tokenization;

namespace Tailor.Engine.Tests.Generation;

public class TextGeneratorTests(TrainedTokenizerFixture fixture) : IClassFixture<TrainedTokenizerFixture>
{
    LlamaForCausalLM Model() => TinyModels.Build(TinyModels.Llama() with { VocabSize = fixture.Tokenizer.VocabSize }, seed: 11);

    [Fact]
    public void StreamedTextEqualsTheFinalText()
    {
        using var model = Model();
        var streamed = new System.Text.StringBuilder();
        var result = new TextGenerator(model, fixture.Tokenizer)
            .Generate(["The quick brown fox"], new GenerationConfig { MaxNewTokens = 20, Temperature = 1, Seed = 4 }, (_, t) => streamed.Append(t))
            .Single();
        Assert.Equal(20, result.Tokens.Count);
        Assert.Equal(fixture.Tokenizer.Decode(result.Tokens, skipSpecialTokens: true), result.Text);
        // Streaming may hold back an unfinished character at the very end, never anything else.
        Assert.StartsWith(streamed.ToString(), result.Text, StringComparison.Ordinal);
        Assert.InRange(result.Text.Length - streamed.Length, 0, 1);
    }

    [Fact]
    public void TextIsCutBeforeTheStopString()
    {
        using var model = Model();
        var free = new TextGenerator(model, fixture.Tokenizer).Generate(["Hello"], new GenerationConfig { MaxNewTokens = 16 }).Single();
        Assert.True(free.Text.Length >= 4, $"too little text to test with: '{free.Text}'");
        var stop = free.Text.Substring(2, 2);
        var cut = new TextGenerator(model, fixture.Tokenizer)
            .Generate(["Hello"], new GenerationConfig { MaxNewTokens = 16, StopStrings = [stop] }).Single();
        Assert.Equal(FinishReason.StopString, cut.FinishReason);
        Assert.Equal(free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
    }

    [Fact]
    public void TokenizerLargerThanTheModelIsAClearError()
    {
        using var model = TinyModels.Build(TinyModels.Llama() with { VocabSize = 300 });
        var e = Assert.Throws<EngineException>(() => new TextGenerator(model, fixture.Tokenizer)
            .Generate(["Hello world, this is text"], new GenerationConfig { MaxNewTokens = 2 }));
        Assert.Contains("do not belong together", e.Message);
    }

    [Fact]
    public void EmptyPromptIsAClearError()
    {
        using var model = Model();
        var e = Assert.Throws<EngineException>(() => new TextGenerator(model, fixture.Tokenizer).Generate([""], new GenerationConfig()));
        Assert.Contains("empty", e.Message);
    }
}
