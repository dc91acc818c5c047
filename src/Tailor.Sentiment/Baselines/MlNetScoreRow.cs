using Microsoft.ML.Data;

namespace Tailor.Sentiment.Baselines;

/// <summary>The columns ML.NET's binary classifier writes, bound by name.</summary>
internal sealed class MlNetScoreRow
{
    [ColumnName("PredictedLabel")]
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }
}
