namespace Tailor.Sentiment.Baselines;

/// <summary>A classifier's answer for one review: the label (1 positive, 0 negative) and the probability that it is positive.</summary>
public sealed record SentimentPrediction(int Label, float Probability)
{
    /// <summary>From a log-odds margin (positive minus negative logit): sigmoid, positive when the margin is above 0.</summary>
    public static SentimentPrediction FromMargin(float margin) =>
        new(margin > 0 ? 1 : 0, 1f / (1f + MathF.Exp(-margin)));
}
