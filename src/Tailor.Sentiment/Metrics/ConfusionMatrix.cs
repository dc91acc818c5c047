namespace Tailor.Sentiment.Metrics;

/// <summary>The 2x2 confusion matrix of a binary classifier, with positive = label 1.</summary>
/// <param name="TruePositives">Gold 1, predicted 1.</param>
/// <param name="FalseNegatives">Gold 1, predicted 0.</param>
/// <param name="FalsePositives">Gold 0, predicted 1.</param>
/// <param name="TrueNegatives">Gold 0, predicted 0.</param>
public sealed record ConfusionMatrix(int TruePositives, int FalseNegatives, int FalsePositives, int TrueNegatives)
{
    /// <summary>All the pairs counted.</summary>
    public int Total => TruePositives + FalseNegatives + FalsePositives + TrueNegatives;

    /// <summary>Counts (gold, predicted) pairs; both lists hold labels 0 or 1 and have the same length.</summary>
    public static ConfusionMatrix From(IReadOnlyList<int> gold, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException($"gold has {gold.Count} labels but predicted has {predicted.Count}.", nameof(predicted));
        }
        int tp = 0, fn = 0, fp = 0, tn = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            switch ((Check(gold[i], nameof(gold)), Check(predicted[i], nameof(predicted))))
            {
                case (1, 1): tp++; break;
                case (1, 0): fn++; break;
                case (0, 1): fp++; break;
                default: tn++; break;
            }
        }
        return new ConfusionMatrix(tp, fn, fp, tn);
    }

    private static int Check(int label, string name) => label is 0 or 1
        ? label
        : throw new ArgumentException($"labels must be 0 or 1, got {label}.", name);
}
