using System.Globalization;
using System.Text;
using System.Text.Json;
using Tailor.Sentiment.Metrics;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;

namespace Tailor.Sentiment.Encoder;

/// <summary>
/// The encoder run's <c>report.md</c> and <c>metrics.json</c>: test metrics of the encoder, the n-gram model(s) and
/// their blend (accuracy with 95% Wilson CI, precision, recall, F1, per-class accuracy, confusion), wall time of
/// every stage, trainer throughput and the curves of both trainer stages. Everything is read back from the run
/// directory, so a report can be rewritten without running a model.
/// </summary>
public sealed class EncoderRunReport(EncoderRecipe recipe, EncoderPipeline pipeline, StageLog stages)
{
    /// <summary>The stages that count as training time (scoring and reporting do not).</summary>
    static readonly string[] TrainingStages = ["tokenizer", "pretrain", "finetune", "ngram", "char_ngram"];

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>One scored model of the run.</summary>
    public sealed record RouteResult(string Route, double ValidationAccuracy, ClassificationReport Test, double TestReviewsPerSecond);

    public IReadOnlyList<RouteResult> Routes()
    {
        var routes = new List<RouteResult>();
        void Add(string route, string dir)
        {
            var test = Path.Combine(dir, "test.json");
            if (!File.Exists(test)) return;
            var scores = ReviewScores.Load(test);
            var validation = ReviewScores.Load(Path.Combine(dir, "validation.json"));
            routes.Add(new RouteResult(route, validation.Accuracy, ClassificationReport.Compute(scores.Labels, scores.Predicted),
                scores.Labels.Length / Math.Max(1e-9, scores.Seconds)));
        }
        Add(recipe.Pretrain is null ? "distilbert (fine-tuned from random initialisation)" : "distilbert (fine-tuned from our masked-LM pretraining)", pipeline.ScoresDir);
        var words = recipe.Ngram.Options(recipe.Seed);
        Add($"nb-logreg word {words.MinOrder}-{words.MaxOrder}-grams", pipeline.NgramDir);
        if (recipe.CharNgram?.Options(recipe.Seed, Ngrams.NgramUnit.Character) is { } characters)
            Add($"nb-logreg character {characters.MinOrder}-{characters.MaxOrder}-grams", pipeline.CharNgramDir);
        if (File.Exists(Path.Combine(pipeline.ModelDir, Ensemble.EnsembleManifest.FileName)))
        {
            var blended = pipeline.BlendedTestScores();
            routes.Add(new RouteResult(recipe.CharNgram is null ? "blend: distilbert + nb-logreg (shipped)" : "blend: distilbert + nb-logreg words + characters (shipped)", double.NaN,
                ClassificationReport.Compute(blended.Labels, blended.Predicted), blended.Labels.Length / Math.Max(1e-9, blended.Seconds)));
        }
        return routes;
    }

    public void Write()
    {
        var dir = recipe.RunDirectory;
        var curves = new List<string>();
        var trainers = new Dictionary<string, object>();
        foreach (var stage in new[] { "pretrain", "finetune" })
        {
            var metrics = Path.Combine(dir, stage, "metrics.jsonl");
            if (!File.Exists(metrics)) continue;
            var curveDir = Path.Combine(dir, "curves", stage);
            Directory.CreateDirectory(curveDir);
            curves.AddRange(TrainingCurves.Write(metrics, curveDir).Where(p => p.EndsWith(".png", StringComparison.Ordinal)).Select(p => Path.GetRelativePath(dir, p)));
            var rows = MetricsLog.Read(metrics);
            double Last(string key) => rows.LastOrDefault(r => r.Values.ContainsKey(key)).Values?[key] ?? double.NaN;
            double First(string key) => rows.FirstOrDefault(r => r.Values.ContainsKey(key)).Values?[key] ?? double.NaN;
            trainers[stage] = new
            {
                steps = rows.Count == 0 ? 0 : rows[^1].Step,
                firstLoss = First("loss"),
                lastLoss = Last("loss"),
                lastEvalLoss = Last("eval_loss"),
                lastEvalAccuracy = Last("eval_mean_token_accuracy"),
                tokensPerSecond = Last("tokens_per_second"),
            };
        }
        var routes = Routes();
        double trainingSeconds = TrainingStages.Sum(s => stages.Seconds.GetValueOrDefault(s));

        File.WriteAllText(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(new
        {
            run = recipe.Name,
            seed = recipe.Seed,
            stageSeconds = stages.Seconds,
            trainingSeconds,
            trainers,
            routes = routes.Select(r => new
            {
                route = r.Route,
                validationAccuracy = double.IsNaN(r.ValidationAccuracy) ? (double?)null : r.ValidationAccuracy,
                r.Test.Accuracy,
                accuracyCi95 = new { method = "wilson", low = r.Test.AccuracyInterval.Low, high = r.Test.AccuracyInterval.High },
                r.Test.Precision,
                r.Test.Recall,
                r.Test.F1,
                r.Test.PositiveAccuracy,
                r.Test.NegativeAccuracy,
                confusion = r.Test.Confusion,
                r.TestReviewsPerSecond,
            }),
        }, Indented));

        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"# Sentiment encoder run `{recipe.Name}`");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"DistilBERT {recipe.Model.NLayers} layers × {recipe.Model.Dim} (ffn {recipe.Model.HiddenDim}, {recipe.Model.NHeads} heads), WordPiece {recipe.Tokenizer.VocabSize:N0}, windows of {recipe.Finetune.MaxLength} tokens (head + tail); seed {recipe.Seed}.");
        s.AppendLine();
        s.AppendLine("| route | test accuracy (95% CI) | precision | recall | F1 | acc. positives | acc. negatives | validation acc. | reviews/s |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in routes)
        {
            var t = r.Test;
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Route} | {100 * t.Accuracy:F2}% ({100 * t.AccuracyInterval.Low:F2}–{100 * t.AccuracyInterval.High:F2}) | {100 * t.Precision:F2}% | {100 * t.Recall:F2}% | {100 * t.F1:F2}% | {100 * t.PositiveAccuracy:F2}% | {100 * t.NegativeAccuracy:F2}% | {(double.IsNaN(r.ValidationAccuracy) ? "–" : $"{100 * r.ValidationAccuracy:F2}%")} | {r.TestReviewsPerSecond:N0} |");
        }
        s.AppendLine();
        s.AppendLine("## Time per stage (wall, this CPU)");
        s.AppendLine();
        s.AppendLine("| stage | seconds |");
        s.AppendLine("| --- | --- |");
        foreach (var (stage, seconds) in stages.Seconds) s.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {seconds:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| **training (tokenizer + pretrain + finetune + n-gram models)** | **{trainingSeconds:N0}** ({trainingSeconds / 60:F1} min) |");
        s.AppendLine();
        foreach (var (stage, stats) in trainers) s.AppendLine(CultureInfo.InvariantCulture, $"- {stage}: {JsonSerializer.Serialize(stats)}");
        s.AppendLine();
        foreach (var r in routes)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"## {r.Route}");
            s.AppendLine();
            s.AppendLine(r.Test.ToMarkdown());
            s.AppendLine();
        }
        if (curves.Count > 0)
        {
            s.AppendLine("## Curves");
            s.AppendLine();
            foreach (var png in curves) s.AppendLine(CultureInfo.InvariantCulture, $"![{png}]({png.Replace('\\', '/')})");
        }
        File.WriteAllText(Path.Combine(dir, "report.md"), s.ToString());
    }
}
