namespace Tailor.Sentiment.Data;

/// <summary>The class names of every Tailor sentiment model, in label-id order (0 negative, 1 positive), as written to <c>id2label</c>.</summary>
public static class SentimentLabels
{
    public static IReadOnlyList<string> Names { get; } = ["negative", "positive"];

    public static string Name(int label) => Names[label];
}
