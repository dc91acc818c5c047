using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Decoder;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Sentiment.Tests.Decoder;

[Collection(TorchModelTests.Name)]
public sealed class LabelScorerTests(TinyDecoderFixture fixture)
{
    /// <summary>log P(label | context) computed the plain way: the whole sequence through the model, log-softmax, summed.</summary>
    static float Manual(LlamaForCausalLM model, int[] context, int[] label)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int[] ids = [.. context, .. label];
        var logProbs = nn.functional.log_softmax(model.forward(tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length])), -1);
        float sum = 0;
        for (int j = 0; j < label.Length; j++) sum += logProbs[0, context.Length - 1 + j, label[j]].item<float>();
        return sum;
    }

    [Fact]
    public void Scores_equal_a_manual_computation_and_the_likelier_label_wins()
    {
        using var model = LlamaCheckpoint.Load(fixture.ModelDir, ScalarType.Float32);
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 32);
        var reviews = TinyDecoderFixture.Reviews(6, seed: 9, tag: "score");
        var contexts = reviews.Select((r, i) => prompt.Context(i % 2 == 0 ? [] : reviews.Take(2).ToList(), r.Text)).ToList();
        // Labels of different lengths, so the sequence path (one run per label) is the one taken.
        int[][] labels = [[.. prompt.LabelTokens[0], .. prompt.LabelTokens[1]], prompt.LabelTokens[1]];

        var scored = LabelScorer.LogProbabilities(model, contexts, labels, LabelScorer.Sequence, batchSize: 4, padId: tokenizer.PadTokenId!.Value);
        var first = LabelScorer.LogProbabilities(model, contexts, labels, LabelScorer.FirstToken, batchSize: 3, padId: tokenizer.PadTokenId!.Value);
        for (int i = 0; i < contexts.Count; i++)
        {
            for (int c = 0; c < labels.Length; c++)
            {
                Assert.Equal(Manual(model, contexts[i], labels[c]), scored[i][c], 3e-4f);
                Assert.Equal(Manual(model, contexts[i], labels[c][..1]), first[i][c], 3e-4f);
                Assert.True(scored[i][c] < 0);
            }
        }

        var margins = LabelScorer.Margins(model, contexts, labels, LabelScorer.Sequence, batchSize: 4, padId: tokenizer.PadTokenId!.Value);
        for (int i = 0; i < contexts.Count; i++)
        {
            Assert.Equal(scored[i][1] - scored[i][0], margins[i], 1e-5f);
            var predicted = margins[i] > 0 ? 1 : 0;
            Assert.Equal(scored[i][1] > scored[i][0] ? 1 : 0, predicted);
        }
    }

    [Fact]
    public void Batching_and_padding_do_not_change_the_scores()
    {
        using var model = LlamaCheckpoint.Load(fixture.ModelDir, ScalarType.Float32);
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 32);
        var reviews = TinyDecoderFixture.Reviews(7, seed: 4, tag: "batch");
        var contexts = reviews.Select((r, i) => prompt.Context(reviews.Take(i % 3).ToList(), r.Text)).ToList();

        var alone = LabelScorer.Margins(model, contexts, prompt.LabelTokens, batchSize: 1);
        var together = LabelScorer.Margins(model, contexts, prompt.LabelTokens, batchSize: 7, padId: tokenizer.PadTokenId!.Value);
        for (int i = 0; i < alone.Length; i++) Assert.Equal(alone[i], together[i], 2e-4f);
        Assert.Equal(together, LabelScorer.Margins(model, contexts, prompt.LabelTokens, batchSize: 7, padId: tokenizer.PadTokenId!.Value));
    }
}
