using System.Globalization;
using ScottPlot;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Stats;

/// <summary>
/// Draws a split dataset as PNG charts (ScottPlot): description lengths, kinds per split, and the most common
/// top-level domains. Per-split charts show shares of the split, so the small validation and test splits can be
/// compared with train on one axis.
/// </summary>
public static class DatasetPlots
{
    public const string DescriptionLengthFile = "description_length.png";
    public const string KindsFile = "kinds.png";
    public const string TldsFile = "tlds.png";

    private const int Width = 900;
    private const int Height = 520;

    /// <summary>Doubling bins: lengths of 1-15, 16-31, 32-63, ... characters, so short and very long texts both show.</summary>
    private static readonly int[] LengthBinStarts = [0, 16, 32, 64, 128, 256, 512, 1024, 2048];

    /// <summary>Writes the charts into <paramref name="outputDirectory"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(DatasetSplits splits, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var statistics = DatasetStatistics.Compute(splits);
        return
        [
            DescriptionLengths(splits, Path.Combine(outputDirectory, DescriptionLengthFile)),
            Kinds(statistics, Path.Combine(outputDirectory, KindsFile)),
            Tlds(statistics, Path.Combine(outputDirectory, TldsFile)),
        ];
    }

    private static string DescriptionLengths(DatasetSplits splits, string path)
    {
        var labels = LengthBinStarts.Select((start, i) => i + 1 < LengthBinStarts.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{start}-{LengthBinStarts[i + 1] - 1}")
            : string.Create(CultureInfo.InvariantCulture, $"{start}+")).ToArray();
        var shares = DatasetSplits.Names.Select(split =>
        {
            var rows = splits.Rows(split);
            var counts = new double[LengthBinStarts.Length];
            foreach (var row in rows)
            {
                counts[Bin(row.Description.Length)]++;
            }
            return counts.Select(c => rows.Count == 0 ? 0 : 100 * c / rows.Count).ToArray();
        }).ToArray();
        var plot = GroupedBars(labels, shares);
        plot.Title("Description length by split");
        plot.XLabel("characters");
        plot.YLabel("% of the split's rows");
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string Kinds(DatasetStatistics statistics, string path)
    {
        var kinds = statistics.Kinds.Keys.ToArray();
        var shares = DatasetSplits.Names.Select(split =>
        {
            var rows = statistics.Rows[split];
            return kinds.Select(k => rows == 0 ? 0 : 100.0 * statistics.Kinds.Count(k, split) / rows).ToArray();
        }).ToArray();
        var plot = GroupedBars(kinds, shares);
        plot.Title("Kinds by split");
        plot.YLabel("% of the split's rows");
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string Tlds(DatasetStatistics statistics, string path)
    {
        var tlds = statistics.Tlds.Keys.Take(15).ToArray();
        var plot = new Plot();
        var bars = tlds.Select((tld, i) => new Bar { Position = i, Value = statistics.Tlds.Total(tld) }).ToList();
        plot.Add.Bars(bars);
        Label(plot, [.. Enumerable.Range(0, tlds.Length).Select(i => (double)i)], tlds);
        plot.Title("Top-level domains of the reference domains (top 15)");
        plot.YLabel("domains");
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>One cluster of bars per label, one bar per split in a fixed colour, with a legend.</summary>
    private static Plot GroupedBars(string[] labels, double[][] valuesBySplit)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var groupWidth = DatasetSplits.Names.Count + 1;
        for (var s = 0; s < DatasetSplits.Names.Count; s++)
        {
            var color = palette.GetColor(s);
            var bars = labels.Select((_, i) => new Bar
            {
                Position = (i * groupWidth) + s,
                Value = valuesBySplit[s][i],
                FillColor = color,
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = DatasetSplits.Names[s], FillColor = color });
        }
        var centers = labels.Select((_, i) => (i * groupWidth) + ((DatasetSplits.Names.Count - 1) / 2.0)).ToArray();
        Label(plot, centers, labels);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static void Label(Plot plot, double[] positions, string[] labels)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.HideGrid();
    }

    private static int Bin(int length)
    {
        var bin = 0;
        while (bin + 1 < LengthBinStarts.Length && length >= LengthBinStarts[bin + 1])
        {
            bin++;
        }
        return bin;
    }
}
