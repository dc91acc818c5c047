using System.Globalization;
using ScottPlot;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Reports;

/// <summary>
/// The PNG charts of an evaluation run (ScottPlot): histograms of the per-case relevance, brandability and rubric
/// scores, and the pass rate per category with its 95% interval as error bars.
/// </summary>
public static class EvalPlots
{
    public const string PassByCategoryFile = "pass_by_category.png";

    private const int Width = 900;
    private const int Height = 520;

    /// <summary>Histogram metrics with their value range and bin count.</summary>
    private static readonly (string Metric, double From, double To, int Bins)[] Histograms =
    [
        (MetricNames.Relevance, 0, 1, 10),
        (MetricNames.Brandability, 0, 1, 10),
        (MetricNames.RubricOverall, 1, 5, 8),
    ];

    /// <summary>The histogram file of <paramref name="metric"/> ("relevance_hist.png").</summary>
    public static string HistogramFile(string metric) => metric + "_hist.png";

    /// <summary>
    /// Writes the charts whose data exist (a histogram needs a case with the metric, the category chart a pass value)
    /// into <paramref name="directory"/>; returns the file names written, relative to it.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<CaseResult> results, SuiteMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metrics);
        var written = new List<string>();
        foreach (var (metric, from, to, bins) in Histograms)
        {
            var values = SuiteMetrics.Values(results, metric);
            if (values.Count > 0)
            {
                Histogram(metric, values, from, to, bins).SavePng(Path.Combine(directory, HistogramFile(metric)), Width, Height);
                written.Add(HistogramFile(metric));
            }
        }
        var categories = metrics.ByCategory.Where(c => c.Value.ContainsKey(MetricNames.Pass)).ToList();
        if (categories.Count > 0)
        {
            PassByCategory(categories).SavePng(Path.Combine(directory, PassByCategoryFile), Width, Height);
            written.Add(PassByCategoryFile);
        }
        return written;
    }

    /// <summary>Counts of cases per equal-width bin of [from, to] (values outside are clamped into the end bins).</summary>
    internal static int[] Counts(IReadOnlyList<double> values, double from, double to, int bins)
    {
        var counts = new int[bins];
        var width = (to - from) / bins;
        foreach (var value in values)
        {
            counts[Math.Clamp((int)Math.Floor((value - from) / width), 0, bins - 1)]++;
        }
        return counts;
    }

    private static Plot Histogram(string metric, IReadOnlyList<double> values, double from, double to, int bins)
    {
        var counts = Counts(values, from, to, bins);
        var width = (to - from) / bins;
        var plot = new Plot();
        plot.Add.Bars(counts.Select((count, i) => new Bar
        {
            Position = from + ((i + 0.5) * width),
            Value = count,
            Size = width * 0.95,
        }).ToList());
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{metric}: distribution over {values.Count} cases"));
        plot.XLabel(metric);
        plot.YLabel("cases");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static Plot PassByCategory(List<KeyValuePair<string, IReadOnlyDictionary<string, Interval>>> categories)
    {
        var plot = new Plot();
        var intervals = categories.Select(c => c.Value[MetricNames.Pass]).ToList();
        plot.Add.Bars(intervals.Select((interval, i) => new Bar { Position = i, Value = interval.Mean }).ToList());
        for (var i = 0; i < intervals.Count; i++)
        {
            // Asymmetric bootstrap intervals: drawn as a vertical segment with short caps.
            var line = plot.Add.Line(i, intervals[i].Low, i, intervals[i].High);
            line.Color = Colors.Black;
            foreach (var y in new[] { intervals[i].Low, intervals[i].High })
            {
                plot.Add.Line(i - 0.15, y, i + 0.15, y).Color = Colors.Black;
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, categories.Count).Select(i => (double)i)],
            [.. categories.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} (n={c.Value[MetricNames.Pass].N})"))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        // Room for the rotated category names, which are longer than numbers ("edge:mixed-language (n=40)").
        plot.Axes.Bottom.MinimumSize = 160;
        plot.Title("Pass rate by category (95% bootstrap interval)");
        plot.YLabel("pass rate");
        plot.Axes.SetLimitsY(0, 1.05);
        return plot;
    }
}
