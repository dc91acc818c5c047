using Tailor.Training.Trainer;

namespace Tailor.Training.Recipes;

/// <summary>Loss and learning-rate curves of a run, drawn from <c>metrics.jsonl</c> as PNG and SVG.</summary>
public static class TrainingCurves
{
    public static IReadOnlyList<string> Write(string metricsPath, string outputDir)
    {
        var rows = MetricsLog.Read(metricsPath);
        var written = new List<string>();
        written.AddRange(Draw(rows, outputDir, "loss", "loss (token-weighted mean)",
            ("train loss", "loss"), ("eval loss", "eval_loss")));
        written.AddRange(Draw(rows, outputDir, "accuracy", "next-token accuracy",
            ("train", "mean_token_accuracy"), ("eval", "eval_mean_token_accuracy")));
        written.AddRange(Draw(rows, outputDir, "learning_rate", "learning rate", ("learning rate", "learning_rate")));
        return written;
    }

    static IEnumerable<string> Draw(List<(long Step, Dictionary<string, double> Values)> rows, string dir, string name, string yLabel,
        params (string Legend, string Key)[] series)
    {
        var plot = new ScottPlot.Plot();
        bool any = false;
        foreach (var (legend, key) in series)
        {
            var points = rows.Where(r => r.Values.TryGetValue(key, out var v) && double.IsFinite(v)).ToList();
            if (points.Count == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Values[key]).ToArray());
            line.LegendText = legend;
            any = true;
        }
        if (!any) yield break;
        plot.XLabel("optimizer step");
        plot.YLabel(yLabel);
        if (series.Length > 1) plot.ShowLegend();
        var png = Path.Combine(dir, name + ".png");
        var svg = Path.Combine(dir, name + ".svg");
        plot.SavePng(png, 800, 480);
        plot.SaveSvg(svg, 800, 480);
        yield return png;
        yield return svg;
    }
}
