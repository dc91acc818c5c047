using System.Globalization;
using System.Text;

namespace Tailor.Sentiment.Metrics;

/// <summary>
/// Binary classification metrics from (gold, predicted) pairs: accuracy with a 95% Wilson interval,
/// precision, recall and F1 of the positive class (label 1), per-class accuracy (recall of each class) and the confusion matrix.
/// A ratio with a zero denominator is reported as 0, so an all-negative predictor shows precision 0 rather than NaN.
/// </summary>
public sealed record ClassificationReport(
    ConfusionMatrix Confusion,
    double Accuracy,
    WilsonInterval AccuracyInterval,
    double Precision,
    double Recall,
    double F1,
    double PositiveAccuracy,
    double NegativeAccuracy)
{
    /// <summary>Computes the report; the lists hold labels 0 or 1 and have the same length.</summary>
    public static ClassificationReport Compute(IReadOnlyList<int> gold, IReadOnlyList<int> predicted) =>
        From(ConfusionMatrix.From(gold, predicted));

    /// <summary>Computes the report from an already counted confusion matrix.</summary>
    public static ClassificationReport From(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var correct = confusion.TruePositives + confusion.TrueNegatives;
        var precision = Ratio(confusion.TruePositives, confusion.TruePositives + confusion.FalsePositives);
        var recall = Ratio(confusion.TruePositives, confusion.TruePositives + confusion.FalseNegatives);
        return new ClassificationReport(
            confusion,
            Ratio(correct, confusion.Total),
            WilsonInterval.Compute(correct, confusion.Total),
            precision,
            recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            recall,
            Ratio(confusion.TrueNegatives, confusion.TrueNegatives + confusion.FalsePositives));
    }

    /// <summary>The metrics table and the confusion matrix as Markdown (percentages with two decimals).</summary>
    public string ToMarkdown()
    {
        var c = Confusion;
        var s = new StringBuilder();
        s.AppendLine("| metric | value |");
        s.AppendLine("| --- | --- |");
        s.AppendLine(Row("examples", c.Total.ToString("N0", CultureInfo.InvariantCulture)));
        s.AppendLine(Row("accuracy", $"{Percent(Accuracy)} (95% Wilson CI {Percent(AccuracyInterval.Low)} to {Percent(AccuracyInterval.High)})"));
        s.AppendLine(Row("precision (positive)", Percent(Precision)));
        s.AppendLine(Row("recall (positive)", Percent(Recall)));
        s.AppendLine(Row("F1 (positive)", Percent(F1)));
        s.AppendLine(Row("accuracy on positives", Percent(PositiveAccuracy)));
        s.AppendLine(Row("accuracy on negatives", Percent(NegativeAccuracy)));
        s.AppendLine();
        s.AppendLine("| gold \\ predicted | positive | negative |");
        s.AppendLine("| --- | --- | --- |");
        s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| positive | {c.TruePositives:N0} | {c.FalseNegatives:N0} |"));
        s.Append(string.Create(CultureInfo.InvariantCulture, $"| negative | {c.FalsePositives:N0} | {c.TrueNegatives:N0} |"));
        return s.ToString();
    }

    private static string Row(string name, string value) => $"| {name} | {value} |";

    private static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{100 * value:F2}%");

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
