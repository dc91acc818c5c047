using Tailor.Training.Data;

namespace Tailor.Training.Tests.Data;

public sealed class TokenizedDatasetTests(TinyTokenizers tokenizers) : IClassFixture<TinyTokenizers>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TruncatesCountsAndDropsExamplesWithNoCompletionLeft()
    {
        var tok = tokenizers.Plain;
        var tokenizer = new ExampleTokenizer(tok);
        SftRecord[] records =
        [
            new PromptCompletionRecord("t:1", "hello", " world"),
            new PromptCompletionRecord("t:2", "hello", " the cat sat on the mat and the dog ran to the park today"),
            new PromptCompletionRecord("t:3", "the cat sat on the mat and the dog ran to the park today and it was sunny", " yes"),
        ];
        var full = records.Select(tokenizer.Tokenize).ToArray();
        const int maxLength = 8;
        Assert.True(full[0].Length <= maxLength);
        Assert.True(full[1].Length > maxLength && full[1].Labels[..maxLength].Any(l => l != TokenizedExample.IgnoreIndex));
        Assert.True(tok.Encode(((PromptCompletionRecord)records[2]).Prompt, addSpecialTokens: false).Count >= maxLength);

        var dataset = TokenizedDataset.Build(records, tokenizer, maxLength);

        Assert.Equal(2, dataset.Examples.Count);
        Assert.Equal(full[0].InputIds, dataset.Examples[0].InputIds);
        // Cut from the right: the start (prompt and the first completion tokens) is kept, labels with it.
        Assert.Equal(full[1].InputIds[..maxLength], dataset.Examples[1].InputIds);
        Assert.Equal(full[1].Labels[..maxLength], dataset.Examples[1].Labels);
        var stats = dataset.Stats;
        Assert.Equal(2, stats.Examples);
        Assert.Equal(2, stats.Truncated);
        Assert.Equal(1, stats.Dropped);
        Assert.Equal(full[0].Length + maxLength, stats.Tokens);
        Assert.Equal(full[0].LabelCount + dataset.Examples[1].LabelCount, stats.CompletionTokens);
        Assert.Equal(maxLength, stats.MaxLength);
        Assert.Equal((full[0].Length + maxLength) / 2.0, stats.MeanLength);
    }

    [Fact]
    public void WithoutMaxLengthNothingIsCut()
    {
        var tokenizer = new ExampleTokenizer(tokenizers.Plain);
        var record = new TextRecord("t:1", "the cat sat on the mat and the dog ran to the park today");
        var dataset = TokenizedDataset.Build([record], tokenizer, maxLength: null);
        Assert.Equal(tokenizer.Tokenize(record).InputIds, dataset.Examples[0].InputIds);
        Assert.Equal(0, dataset.Stats.Truncated);
    }

    [Fact]
    public void DroppingEverythingIsAnError()
    {
        var tokenizer = new ExampleTokenizer(tokenizers.Plain);
        var ex = Assert.Throws<TrainingException>(() =>
            TokenizedDataset.Build([new PromptCompletionRecord("t:1", "the cat sat on the mat and the dog ran", " yes")], tokenizer, 3));
        Assert.Contains("All 1 examples were dropped", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadsAConversationFile()
    {
        _dir.Write("chat.jsonl",
            """
            {"messages": [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hello world"}]}
            {"messages": [{"role": "user", "content": "what is the capital of France?"}, {"role": "assistant", "content": "Paris"}]}
            """);
        var dataset = TokenizedDataset.Load(_dir.File("chat.jsonl"), tokenizers.ChatMl, new SftDataOptions { MaxLength = 64 });
        Assert.Equal(2, dataset.Stats.Examples);
        var labelled = dataset.Examples[0].Labels.Where(l => l != TokenizedExample.IgnoreIndex);
        Assert.Equal("hello world<|im_end|>", tokenizers.ChatMl.Decode(labelled));
    }

    [Fact]
    public void LoadsAPlainTextCorpusWithAnExplicitTemplateUnused()
    {
        _dir.Write("corpus.txt", "the cat sat.\n\nthe dog ran.\n");
        var dataset = TokenizedDataset.Load(_dir.File("corpus.txt"), tokenizers.Plain,
            new SftDataOptions { TextSampling = TextSampling.Paragraph, ChatTemplate = "plain" });
        Assert.Equal(2, dataset.Stats.Examples);
        Assert.Equal("the dog ran.<|endoftext|>", tokenizers.Plain.Decode(dataset.Examples[1].InputIds));
    }
}
