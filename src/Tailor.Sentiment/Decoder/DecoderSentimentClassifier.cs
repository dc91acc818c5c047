using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Baselines;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// A causal LM (a pretrained one, or one carrying a LoRA adapter) as a review classifier: each review becomes the
/// prompt of <see cref="ReviewPrompt"/> after fixed demonstrations (none for zero-shot and LoRA), and the label word
/// with the larger log-probability is the prediction (<see cref="LabelScorer"/>); the probability is the sigmoid of the margin.
/// </summary>
public sealed class DecoderSentimentClassifier(
    LlamaForCausalLM model, TextTokenizer tokenizer, ReviewPrompt prompt, IReadOnlyList<Data.SentimentExample> demonstrations,
    string scoring, string name) : ISentimentClassifier
{
    public string Name => name;

    /// <summary>log P(" positive") − log P(" negative") after each review's prompt.</summary>
    public float[] Margins(IReadOnlyList<string> reviews, int batchSize = 16)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var contexts = reviews.Select(r => prompt.Context(demonstrations, r)).ToList();
        return LabelScorer.Margins(model, contexts, prompt.LabelTokens, scoring, batchSize, tokenizer.PadTokenId ?? tokenizer.EosTokenId ?? 0);
    }

    public IReadOnlyList<SentimentPrediction> Classify(IReadOnlyList<string> reviews) => [.. Margins(reviews).Select(SentimentPrediction.FromMargin)];

    public void Dispose() => model.Dispose();
}
