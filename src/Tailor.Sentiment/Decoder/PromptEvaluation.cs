using System.Diagnostics;
using System.Text;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Metrics;
using static TorchSharp.torch;
using static Tailor.Sentiment.Decoder.DecoderReports;

namespace Tailor.Sentiment.Decoder;

/// <summary>One prompting run: k demonstrations drawn with one seed, every test review scored.</summary>
public sealed record PromptRun(int Shots, int? Seed, IReadOnlyList<int> DemonstrationLabels, ClassificationReport Report, double RocAuc, double Seconds)
{
    public double ReviewsPerSecond => Report.Confusion.Total / Math.Max(Seconds, 1e-9);
}

/// <summary>Accuracy over the seeds of one shot count: mean, sample standard deviation, range.</summary>
public sealed record PromptSummary(int Shots, int Runs, double MeanAccuracy, double StdAccuracy, double MinAccuracy, double MaxAccuracy, double MeanRocAuc)
{
    public static PromptSummary Of(int shots, IReadOnlyList<PromptRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var accuracies = runs.Select(r => r.Report.Accuracy).ToList();
        double mean = accuracies.Average();
        double sd = accuracies.Count < 2 ? 0 : Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Count - 1));
        return new PromptSummary(shots, runs.Count, mean, sd, accuracies.Min(), accuracies.Max(), runs.Average(r => r.RocAuc));
    }
}

/// <summary>
/// Runs a <see cref="PromptRecipe"/>: for every shot count and seed, draws the demonstrations from the training rows
/// (<see cref="FewShotSampler"/>), scores every test review's label words after them (<see cref="LabelScorer"/>), and
/// writes <c>metrics.json</c> and <c>report.md</c> (a per-run table, mean ± sd per shot count, and each run's report).
/// Zero-shot prompts do not depend on the seed, so k = 0 runs once.
/// </summary>
public sealed class PromptEvaluation(PromptRecipe recipe, string runDirectory, TextWriter log)
{
    public IReadOnlyList<PromptRun> Run()
    {
        var pool = SentimentDataset.Read(recipe.Data.Train, recipe.Data.TrainRows);
        var test = SentimentDataset.Read(recipe.Data.Test, recipe.Data.TestRows);
        var tokenizer = TextTokenizer.Load(recipe.Model);
        using var model = LlamaCheckpoint.Load(recipe.Model, ScalarType.Float32);
        var prompt = new ReviewPrompt(tokenizer, recipe.MaxReviewTokens);
        int padId = tokenizer.PadTokenId ?? tokenizer.EosTokenId ?? 0;
        int longest = (recipe.Shots.Max() + 1) * (recipe.MaxReviewTokens + 16) + prompt.LabelTokens.Max(l => l.Length);
        if (longest > model.Config.MaxPositionEmbeddings)
            log.WriteLine($"warning: a {recipe.Shots.Max()}-shot prompt may reach {longest} tokens, past the model's {model.Config.MaxPositionEmbeddings} positions");
        log.WriteLine($"prompting {recipe.Model}: {test.Count:N0} test reviews, demonstrations from {pool.Count:N0} training rows; label tokens " +
            string.Join(", ", prompt.LabelTokens.Select((t, i) => $"{SentimentLabels.Name(i)} [{string.Join(' ', t)}]")));

        var gold = test.Select(r => r.Label).ToList();
        var runs = new List<PromptRun>();
        foreach (var shots in recipe.Shots.Distinct())
        {
            foreach (int? seed in shots == 0 ? [null] : Enumerable.Range(1, recipe.Seeds).Select(s => (int?)s))
            {
                var demonstrations = FewShotSampler.Draw(pool, shots, seed ?? 0);
                var contexts = test.Select(r => prompt.Context(demonstrations, r.Text)).ToList();
                var clock = Stopwatch.StartNew();
                var margins = LabelScorer.Margins(model, contexts, prompt.LabelTokens, recipe.Scoring, recipe.BatchSize, padId);
                var report = ClassificationReport.Compute(gold, [.. margins.Select(m => m > 0 ? 1 : 0)]);
                var run = new PromptRun(shots, seed, [.. demonstrations.Select(d => d.Label)], report, RocAuc(gold, margins), clock.Elapsed.TotalSeconds);
                runs.Add(run);
                log.WriteLine(Invariant($"{shots}-shot, seed {seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: accuracy {Percent(report.Accuracy)}, positive share {Percent(Share(report))}, ROC AUC {run.RocAuc:F3}, {run.ReviewsPerSecond:F1} reviews/s"));
            }
        }
        Write(runs, pool.Count, test.Count, model.Config);
        return runs;
    }

    void Write(IReadOnlyList<PromptRun> runs, int poolRows, int testRows, LlamaConfig config)
    {
        Directory.CreateDirectory(runDirectory);
        var summaries = runs.GroupBy(r => r.Shots).Select(g => PromptSummary.Of(g.Key, [.. g])).ToList();
        WriteJson(Path.Combine(runDirectory, "metrics.json"), new
        {
            route = "decoder-prompt",
            model = recipe.Model,
            train = recipe.Data.Train,
            test = recipe.Data.Test,
            trainRows = poolRows,
            testRows,
            recipe.Scoring,
            recipe.MaxReviewTokens,
            labelWords = ReviewPrompt.LabelWords,
            summaries,
            runs = runs.Select(r => new { r.Shots, r.Seed, r.DemonstrationLabels, metrics = Fields(r.Report, r.RocAuc), r.Seconds, r.ReviewsPerSecond }),
            processorCount = Environment.ProcessorCount,
        });

        var s = new StringBuilder();
        s.AppendLine("# Sentiment decoder route (b): zero- and few-shot prompting");
        s.AppendLine();
        s.AppendLine(Invariant($"model: `{recipe.Model}` (Llama, {config.NumHiddenLayers} layers × {config.HiddenSize}, vocabulary {config.VocabSize:N0}); test: `{recipe.Data.Test}` ({testRows:N0} reviews); demonstrations drawn (balanced, seeded) from `{recipe.Data.Train}` ({poolRows:N0} rows)."));
        s.AppendLine(Invariant($"Prompt: `Review: {{text}}\\nSentiment:` after k demonstrations (each followed by its label word and a blank line); reviews cut head + tail to {recipe.MaxReviewTokens} tokens; prediction: the label word ({string.Join(" / ", ReviewPrompt.LabelWords.Select(w => $"\"{w}\""))}) with the larger {(recipe.Scoring == LabelScorer.Sequence ? "summed log-probability of its tokens" : "first-token log-probability")}."));
        s.AppendLine();
        s.AppendLine("| shots | runs | accuracy mean ± sd | min | max | mean ROC AUC |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var m in summaries)
            s.AppendLine(Invariant($"| {m.Shots} | {m.Runs} | {Percent(m.MeanAccuracy)} ± {100 * m.StdAccuracy:F2} | {Percent(m.MinAccuracy)} | {Percent(m.MaxAccuracy)} | {m.MeanRocAuc:F3} |"));
        s.AppendLine();
        s.AppendLine("| shots | seed | demonstration labels | accuracy (95% CI) | F1 (positive) | predicted positive | ROC AUC | reviews/s |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in runs)
            s.AppendLine(Invariant($"| {r.Shots} | {r.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} | {string.Join("", r.DemonstrationLabels.Select(l => l == 1 ? '+' : '-'))} | {Percent(r.Report.Accuracy)} ({Percent(r.Report.AccuracyInterval.Low)} to {Percent(r.Report.AccuracyInterval.High)}) | {Percent(r.Report.F1)} | {Percent(Share(r.Report))} | {r.RocAuc:F3} | {r.ReviewsPerSecond:F1} |"));
        s.AppendLine();
        s.AppendLine("ROC AUC ranks the margins (log P(positive) − log P(negative)) without a threshold: 0.5 means the margins carry no signal; accuracy at margin 0 can sit at 50% when the model prefers one label word everywhere, even if the ranking has signal.");
        foreach (var r in runs)
        {
            s.AppendLine();
            s.AppendLine(Invariant($"## {r.Shots}-shot, seed {r.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
            s.AppendLine();
            s.AppendLine(r.Report.ToMarkdown());
        }
        File.WriteAllText(Path.Combine(runDirectory, "report.md"), s.ToString());
        File.WriteAllText(Path.Combine(runDirectory, "recipe.json"), DecoderRecipes.ToJson(recipe));
    }
}
