using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Data;

namespace Tailor.Sentiment.Serving;

/// <summary>
/// A prediction as the CLI and the API show it: the label's name and the probability of <em>that</em> label
/// (so "negative 0.93" reads as it sounds; the probability of positive is 1 − 0.93 there), rounded to 4 decimals.
/// </summary>
public sealed record SentimentAnswer(string Label, double Probability)
{
    public static SentimentAnswer From(SentimentPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var ofLabel = prediction.Label == SentimentExample.Positive ? prediction.Probability : 1 - prediction.Probability;
        return new SentimentAnswer(SentimentLabels.Name(prediction.Label), Math.Round(ofLabel, 4));
    }
}
