using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Ngrams;

namespace Tailor.Sentiment.Ensemble;

/// <summary>
/// The shipped sentiment model: a DistilBERT classifier and NB-weighted n-gram models (words, and optionally
/// characters) whose log-odds margins are blended with weights fitted on held-out reviews (<see cref="MarginBlend"/>).
/// They read reviews differently (contextual subwords in a token window, every phrase of the whole review, every
/// spelling fragment), so their errors differ.
/// </summary>
public sealed class EnsembleSentimentClassifier : ISentimentClassifier
{
    readonly EncoderSentimentClassifier encoder;
    readonly IReadOnlyList<NbLogisticRegression> ngrams;
    readonly MarginBlend blend;

    /// <param name="ngrams">The n-gram models in blend order (after the encoder).</param>
    public EnsembleSentimentClassifier(EncoderSentimentClassifier encoder, IReadOnlyList<NbLogisticRegression> ngrams, MarginBlend blend)
    {
        this.encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        this.ngrams = ngrams ?? throw new ArgumentNullException(nameof(ngrams));
        this.blend = blend ?? throw new ArgumentNullException(nameof(blend));
        if (blend.Weights.Count != 1 + ngrams.Count)
            throw new ArgumentException($"a blend of {blend.Weights.Count} weights for {1 + ngrams.Count} models", nameof(blend));
    }

    public string Name => string.Join('+', ngrams.Select(n => n.Name).Prepend(encoder.Name));

    public static EnsembleSentimentClassifier Load(string modelDir)
    {
        var manifest = EnsembleManifest.Load(modelDir);
        var ngrams = manifest.NgramFiles.Select(file => NbLogisticRegression.Load(Path.Combine(modelDir, file))).ToList();
        var encoder = EncoderSentimentClassifier.Load(Path.Combine(modelDir, manifest.Encoder), manifest.MaxLength);
        return new EnsembleSentimentClassifier(encoder, ngrams, manifest.Blend);
    }

    public float[] Margins(IReadOnlyList<string> reviews)
    {
        var members = ngrams.Select(n => n.Margins(reviews)).Prepend(encoder.Margins(reviews)).ToList();
        return [.. Enumerable.Range(0, reviews.Count).Select(i => blend.Margin([.. members.Select(m => m[i])]))];
    }

    public IReadOnlyList<SentimentPrediction> Classify(IReadOnlyList<string> reviews) => [.. Margins(reviews).Select(SentimentPrediction.FromMargin)];

    public void Dispose() => encoder.Dispose();
}
