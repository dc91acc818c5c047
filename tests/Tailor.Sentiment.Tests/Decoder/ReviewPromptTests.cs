using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Decoder;
using Tailor.Training.Data;

namespace Tailor.Sentiment.Tests.Decoder;

[Collection(TorchModelTests.Name)]
public sealed class ReviewPromptTests(TinyDecoderFixture fixture)
{
    [Fact]
    public void A_few_shot_prompt_is_the_demonstrations_then_the_query_and_encodes_like_the_joined_text()
    {
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 1000);
        var shots = new[] { new SentimentExample("A fine<br />film.", 1), new SentimentExample("Dull.", 0) };
        var context = prompt.Context(shots, "It was great.");

        var text = "Review: A fine film.\nSentiment: positive\n\nReview: Dull.\nSentiment: negative\n\nReview: It was great.\nSentiment:";
        Assert.Equal([.. tokenizer.Encode(text)], context);
        Assert.Equal(text, tokenizer.Decode(context, skipSpecialTokens: true));
        Assert.Equal(tokenizer.BosTokenId, context[0]);
    }

    [Fact]
    public void A_long_review_keeps_its_head_and_tail_and_training_examples_label_only_the_label_word()
    {
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 16);
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));
        var all = tokenizer.Encode(" " + words, addSpecialTokens: false).ToArray();
        var cut = prompt.ReviewTokens(words);
        Assert.Equal(16, cut.Length);
        Assert.Equal(all[..4], cut[..4]);
        Assert.Equal(all[^12..], cut[4..]);

        var example = prompt.TrainingExample(new SentimentExample(words, 1));
        var labelled = example.Labels.Select((l, i) => (l, i)).Where(p => p.l != TokenizedExample.IgnoreIndex).ToList();
        Assert.Equal(prompt.LabelTokens[1], labelled.Select(p => p.l).ToArray());
        Assert.Equal(example.Length - prompt.LabelTokens[1].Length, labelled[0].i);
        Assert.Equal(prompt.Context([], words), example.InputIds[..labelled[0].i]);
    }

    [Fact]
    public void Demonstrations_are_balanced_seeded_and_drawn_from_the_pool_only()
    {
        var pool = TinyDecoderFixture.Reviews(40, seed: 1, tag: "train");
        var test = TinyDecoderFixture.Reviews(10, seed: 2, tag: "test");
        foreach (var k in new[] { 2, 4, 6 })
        {
            var drawn = FewShotSampler.Draw(pool, k, seed: 3);
            Assert.Equal(k, drawn.Count);
            Assert.Equal(k / 2, drawn.Count(d => d.Label == 1));
            Assert.Equal(k, drawn.Distinct().Count());
            Assert.All(drawn, d => Assert.Contains(d, pool));
            Assert.Equal(drawn, FewShotSampler.Draw(pool, k, seed: 3));
        }
        Assert.Equal(3, FewShotSampler.Draw(pool, 3, seed: 5).Count);
        Assert.Empty(FewShotSampler.Draw(pool, 0, seed: 5));
        Assert.NotEqual(FewShotSampler.Draw(pool, 4, seed: 1), FewShotSampler.Draw(pool, 4, seed: 2));

        // The prompt for a test review holds that review once and no other test text.
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 1000);
        var demonstrations = FewShotSampler.Draw(pool, 4, seed: 7);
        foreach (var query in test)
        {
            var text = tokenizer.Decode(prompt.Context(demonstrations, query.Text), skipSpecialTokens: true);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "test \\d+"));
            Assert.EndsWith(ReviewText.Clean(query.Text) + "\nSentiment:", text, StringComparison.Ordinal);
        }
        Assert.Throws<InvalidDataException>(() => FewShotSampler.Draw(pool.Where(p => p.Label == 1).ToList(), 2, seed: 1));
    }
}
