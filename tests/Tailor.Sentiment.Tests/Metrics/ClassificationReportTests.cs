using Tailor.Sentiment.Metrics;

namespace Tailor.Sentiment.Tests.Metrics;

public class ClassificationReportTests
{
    // Hand-made: 10 gold positives (8 right, 2 wrong), 10 gold negatives (6 right, 4 called positive).
    private static readonly int[] Gold = [.. Enumerable.Repeat(1, 10), .. Enumerable.Repeat(0, 10)];
    private static readonly int[] Predicted = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];

    [Fact]
    public void Counts_the_confusion_matrix()
    {
        Assert.Equal(new ConfusionMatrix(TruePositives: 8, FalseNegatives: 2, FalsePositives: 4, TrueNegatives: 6), ConfusionMatrix.From(Gold, Predicted));
    }

    [Fact]
    public void Metrics_match_the_hand_computed_values()
    {
        var r = ClassificationReport.Compute(Gold, Predicted);
        Assert.Equal(14.0 / 20, r.Accuracy, 12);          // (8 + 6) / 20 = 0.7
        Assert.Equal(8.0 / 12, r.Precision, 12);          // 8 / (8 + 4)
        Assert.Equal(8.0 / 10, r.Recall, 12);             // 8 / (8 + 2)
        Assert.Equal(2 * (2.0 / 3) * 0.8 / ((2.0 / 3) + 0.8), r.F1, 12); // = 16/22 = 0.7272...
        Assert.Equal(16.0 / 22, r.F1, 12);
        Assert.Equal(0.8, r.PositiveAccuracy, 12);
        Assert.Equal(0.6, r.NegativeAccuracy, 12);
    }

    [Fact]
    public void Wilson_interval_matches_a_reference_value()
    {
        // p = 0.7, n = 20, z = 1.96: center = (0.7 + 0.09604) / 1.19208 = 0.66778, half = 1.64418 * sqrt(0.0105 + 0.0024010) = 0.18675.
        var ci = ClassificationReport.Compute(Gold, Predicted).AccuracyInterval;
        Assert.Equal(0.48103, ci.Low, tolerance: 1e-5);
        Assert.Equal(0.85452, ci.High, tolerance: 1e-5);
    }

    [Fact]
    public void Wilson_interval_stays_inside_zero_and_one()
    {
        var all = WilsonInterval.Compute(50, 50);
        Assert.Equal(1, all.High, 12);
        Assert.True(all.Low is > 0.9 and < 1);
        var none = WilsonInterval.Compute(0, 50);
        Assert.Equal(0, none.Low, 12);
    }

    [Fact]
    public void An_all_negative_predictor_reports_zero_not_nan()
    {
        var r = ClassificationReport.Compute([1, 0, 0], [0, 0, 0]);
        Assert.Equal(0, r.Precision);
        Assert.Equal(0, r.F1);
        Assert.Equal(2.0 / 3, r.Accuracy, 12);
    }

    [Fact]
    public void Rejects_bad_labels_and_length_mismatch()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([1, 2], [1, 1]));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([1, 0], [1]));
    }

    [Fact]
    public void Markdown_holds_the_table_and_the_matrix()
    {
        var markdown = ClassificationReport.Compute(Gold, Predicted).ToMarkdown();
        Assert.Contains("| accuracy | 70.00% (95% Wilson CI 48.10% to 85.45%) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| F1 (positive) | 72.73% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| positive | 8 | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| negative | 4 | 6 |", markdown, StringComparison.Ordinal);
    }
}
