namespace Tailor.Sentiment.Data;

/// <summary>One labelled review: its text and its label, 1 for positive and 0 for negative.</summary>
public sealed record SentimentExample(string Text, int Label)
{
    /// <summary>The label that means positive.</summary>
    public const int Positive = 1;

    /// <summary>The label that means negative.</summary>
    public const int Negative = 0;
}
