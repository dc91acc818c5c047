using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Ngrams;

namespace Tailor.Sentiment.Ensemble;

/// <summary>
/// The shipped sentiment model: a DistilBERT classifier and an NB-weighted n-gram model whose log-odds margins are
/// blended with weights fitted on held-out reviews (<see cref="MarginBlend"/>). The two read reviews differently
/// (contextual subwords in a 256-token window vs. every phrase of the whole review), so their errors differ.
/// </summary>
public sealed class EnsembleSentimentClassifier : ISentimentClassifier
{
    readonly EncoderSentimentClassifier encoder;
    readonly NbLogisticRegression ngram;
    readonly MarginBlend blend;

    public EnsembleSentimentClassifier(EncoderSentimentClassifier encoder, NbLogisticRegression ngram, MarginBlend blend)
    {
        this.encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        this.ngram = ngram ?? throw new ArgumentNullException(nameof(ngram));
        this.blend = blend ?? throw new ArgumentNullException(nameof(blend));
    }

    public string Name => $"{encoder.Name}+{ngram.Name}";

    public static EnsembleSentimentClassifier Load(string modelDir)
    {
        var manifest = EnsembleManifest.Load(modelDir);
        var encoder = EncoderSentimentClassifier.Load(Path.Combine(modelDir, manifest.Encoder), manifest.MaxLength);
        return new EnsembleSentimentClassifier(encoder, NbLogisticRegression.Load(Path.Combine(modelDir, manifest.Ngram)), manifest.Blend);
    }

    public float[] Margins(IReadOnlyList<string> reviews)
    {
        var fromEncoder = encoder.Margins(reviews);
        var fromNgrams = ngram.Margins(reviews);
        return [.. fromEncoder.Zip(fromNgrams, (e, n) => blend.Margin([e, n]))];
    }

    public IReadOnlyList<SentimentPrediction> Classify(IReadOnlyList<string> reviews) => [.. Margins(reviews).Select(SentimentPrediction.FromMargin)];

    public void Dispose() => encoder.Dispose();
}
