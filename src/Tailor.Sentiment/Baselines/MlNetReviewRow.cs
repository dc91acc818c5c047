namespace Tailor.Sentiment.Baselines;

/// <summary>The row ML.NET reads: mutable properties because ML.NET binds columns by reflection.</summary>
internal sealed class MlNetReviewRow
{
    public string Text { get; set; } = "";

    public bool Label { get; set; }
}
