using System.Globalization;
using System.Text.Json;
using Tailor.Sentiment.Metrics;

namespace Tailor.Sentiment.Decoder;

/// <summary>What the decoder routes' <c>metrics.json</c> files share: camelCase keys, as the baseline's, indented.</summary>
internal static class DecoderReports
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void WriteJson(string path, object value) => File.WriteAllText(path, JsonSerializer.Serialize(value, Indented));

    /// <summary>A classification report as JSON fields (the same names as <c>tailor sentiment baseline</c> writes).</summary>
    public static object Fields(ClassificationReport report, double auc) => new
    {
        report.Accuracy,
        accuracyCi95 = new { method = "wilson", low = report.AccuracyInterval.Low, high = report.AccuracyInterval.High },
        report.Precision,
        report.Recall,
        report.F1,
        report.PositiveAccuracy,
        report.NegativeAccuracy,
        positiveShare = Share(report),
        rocAuc = auc,
        confusion = report.Confusion,
    };

    /// <summary>The share of reviews predicted positive: 0 or 1 shows a model that ignores the review.</summary>
    public static double Share(ClassificationReport report) =>
        (report.Confusion.TruePositives + report.Confusion.FalsePositives) / (double)Math.Max(1, report.Confusion.Total);

    /// <summary>
    /// ROC AUC of the margins (the Mann-Whitney statistic, ties counted half): whether the margins rank positives above
    /// negatives at all, whatever the threshold. 0.5 is no signal. An untuned LM's margins are often offset (it prefers
    /// one label word everywhere), which accuracy at 0 hides and this does not.
    /// </summary>
    public static double RocAuc(IReadOnlyList<int> labels, IReadOnlyList<float> margins)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => margins[i]).ToArray();
        double rankSum = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && margins[order[j + 1]] == margins[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (labels[order[k]] == 1) rankSum += rank;
            i = j + 1;
        }
        long positives = labels.Count(l => l == 1), negatives = labels.Count - positives;
        return positives == 0 || negatives == 0 ? double.NaN : (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{100 * value:F2}%");

    public static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
