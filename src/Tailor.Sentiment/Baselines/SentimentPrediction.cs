namespace Tailor.Sentiment.Baselines;

/// <summary>A classifier's answer for one review: the label (1 positive, 0 negative) and the probability that it is positive.</summary>
public sealed record SentimentPrediction(int Label, float Probability);
