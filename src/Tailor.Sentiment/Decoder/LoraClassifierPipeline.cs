using System.Diagnostics;
using System.Text;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Metrics;
using Tailor.Training.Adapters;
using Tailor.Training.Data;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;
using TorchSharp;
using static Tailor.Sentiment.Decoder.DecoderReports;
using static TorchSharp.torch;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// Runs a <see cref="LoraClassifierRecipe"/> into its run directory: LoRA layers on the base LM's target projections
/// (everything else frozen), SFT on "Review: …\nSentiment:" → label word with the loss on the label tokens only
/// (<see cref="ReviewPrompt.TrainingExample"/>), the best step by held-out label-token accuracy, then every test review
/// classified by its label words' log-probabilities. Writes <c>adapter/</c> (PEFT layout), <c>scores/test.json</c>,
/// curves, <c>metrics.json</c> and <c>report.md</c>.
/// </summary>
public sealed class LoraClassifierPipeline(LoraClassifierRecipe recipe, TextWriter log)
{
    public Action<TrainerProgress>? OnStep { get; init; }

    string Dir => recipe.RunDirectory;
    public string AdapterDir => Path.Combine(Dir, "adapter");

    public LoraConfig LoraConfig => new()
    {
        R = recipe.Lora.R,
        Alpha = recipe.Lora.Alpha,
        Dropout = recipe.Lora.Dropout,
        TargetModules = recipe.Lora.TargetModules is ["all-linear"] ? LoraTargets.AllLinear : LoraTargets.Names([.. recipe.Lora.TargetModules]),
        UseRsLora = recipe.Lora.UseRslora,
    };

    /// <summary>The training rows split (seeded) into the rows trained on and the held-out rows that pick the best step.</summary>
    public (IReadOnlyList<SentimentExample> Train, IReadOnlyList<SentimentExample> Validation) Split()
    {
        var rows = SentimentDataset.Read(recipe.Data.Train, recipe.Data.TrainRows);
        if (rows.Count <= recipe.ValidationRows)
            throw new InvalidDataException($"{recipe.Data.Train}: {rows.Count} rows, not more than validation_rows = {recipe.ValidationRows}");
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(recipe.Seed).Shuffle(order);
        return ([.. order.Skip(recipe.ValidationRows).Order().Select(i => rows[i])], [.. order.Take(recipe.ValidationRows).Order().Select(i => rows[i])]);
    }

    public ClassificationReport Run(bool resume = true)
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "recipe.json"), DecoderRecipes.ToJson(recipe));
        var stages = StageLog.Open(Path.Combine(Dir, "stages.json"));
        var (train, validation) = Split();
        var test = SentimentDataset.Read(recipe.Data.Test, recipe.Data.TestRows);
        var tokenizer = TextTokenizer.Load(recipe.Model);
        var prompt = new ReviewPrompt(tokenizer, recipe.MaxReviewTokens);
        using var model = LlamaCheckpoint.Load(recipe.Model, ScalarType.Float32);
        // A finished run's adapter is loaded (PeftAdapter.Load adds the layers itself); otherwise fresh layers are trained.
        bool trained = File.Exists(Path.Combine(AdapterDir, PeftAdapter.WeightsFileName));
        if (trained) PeftAdapter.Load(model, AdapterDir);
        else LoraInjector.Apply(model, LoraConfig, ScalarType.Float32, new Generator((ulong)recipe.Seed));
        long total = model.parameters().Sum(p => p.numel());
        long trainable = LoraInjector.LoraLayers(model).Sum(l => l.Layer.LoraA.weight.numel() + l.Layer.LoraB.weight.numel());
        log.WriteLine($"lora: {LoraInjector.LoraLayers(model).Count} layers wrapped, {trainable:N0} of {total:N0} parameters trained; {train.Count:N0} training rows, {validation.Count:N0} held out, {test.Count:N0} test rows");

        TrainResult? result = null;
        if (!trained) stages.Time("lora", () => result = Train(model, tokenizer, prompt, train, validation, resume));

        float[] margins = [];
        double seconds = 0;
        stages.Time("score", () =>
        {
            var clock = Stopwatch.StartNew();
            var contexts = test.Select(r => prompt.Context([], r.Text)).ToList();
            margins = LabelScorer.Margins(model, contexts, prompt.LabelTokens, recipe.Scoring, 16, tokenizer.PadTokenId ?? tokenizer.EosTokenId ?? 0);
            seconds = clock.Elapsed.TotalSeconds;
        });
        var gold = test.Select(r => r.Label).ToArray();
        var scores = new ReviewScores("test", gold, margins, seconds);
        Directory.CreateDirectory(Path.Combine(Dir, "scores"));
        scores.Save(Path.Combine(Dir, "scores", "test.json"));
        var report = ClassificationReport.Compute(gold, scores.Predicted);
        Write(report, RocAuc(gold, margins), seconds, train.Count, validation.Count, total, trainable, stages, result);
        return report;
    }

    TrainResult Train(LlamaForCausalLM model, TextTokenizer tokenizer, ReviewPrompt prompt,
        IReadOnlyList<SentimentExample> train, IReadOnlyList<SentimentExample> validation, bool resume)
    {
        var args = recipe.Training with
        {
            Seed = recipe.Seed,
            // One label word per example: the label tokens' accuracy is (for one-token labels exactly) the classification accuracy.
            MetricForBestModel = "eval_mean_token_accuracy",
            GreaterIsBetter = true,
            LoadBestModelAtEnd = true,
        };
        var options = BatcherOptions.For(tokenizer, args.PerDeviceTrainBatchSize, recipe.Seed) with { GroupByLength = true };
        var trainer = new SftTrainer(model, args,
            new Batcher([.. train.Select(prompt.TrainingExample)], options),
            new Batcher([.. validation.Select(prompt.TrainingExample)], options with { BatchSize = args.PerDeviceEvalBatchSize, Shuffle = false, GroupByLength = false }),
            Path.Combine(Dir, "train"))
        {
            OnStep = OnStep,
            OnLog = (step, values) => log.WriteLine($"lora step {step}: " + string.Join(", ", values.Select(v => Invariant($"{v.Key} {v.Value:G4}")))),
        };
        var result = trainer.Train(resume);
        log.WriteLine(Invariant($"lora: {result.Steps} steps, {result.TokensPerSecond:N0} tokens/s, best held-out label accuracy {result.BestMetric:P2} at step {result.BestStep}"));
        PeftAdapter.Save(model, LoraConfig, AdapterDir, Path.GetFullPath(recipe.Model));
        TrainingCurves.Write(trainer.MetricsPath, Dir);
        return result;
    }

    void Write(ClassificationReport report, double auc, double seconds, int trainRows, int validationRows, long total, long trainable,
        StageLog stages, TrainResult? result)
    {
        var curves = Directory.EnumerateFiles(Dir, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        WriteJson(Path.Combine(Dir, "metrics.json"), new
        {
            route = "decoder-lora",
            model = recipe.Model,
            train = recipe.Data.Train,
            test = recipe.Data.Test,
            trainRows,
            validationRows,
            testRows = report.Confusion.Total,
            seed = recipe.Seed,
            lora = recipe.Lora,
            totalParameters = total,
            trainableParameters = trainable,
            recipe.Scoring,
            recipe.MaxReviewTokens,
            training = result,
            metrics = Fields(report, auc),
            scoreSeconds = seconds,
            reviewsPerSecond = report.Confusion.Total / Math.Max(seconds, 1e-9),
            stageSeconds = stages.Seconds,
            curves,
            processorCount = Environment.ProcessorCount,
        });
        var s = new StringBuilder();
        s.AppendLine("# Sentiment decoder route (c): LoRA classifier on the pretrained LM");
        s.AppendLine();
        s.AppendLine(Invariant($"base: `{recipe.Model}`; LoRA r = {recipe.Lora.R}, alpha = {recipe.Lora.Alpha}, dropout {recipe.Lora.Dropout} on [{string.Join(", ", recipe.Lora.TargetModules)}]: {trainable:N0} of {total:N0} parameters trained."));
        s.AppendLine(Invariant($"data: {trainRows:N0} training rows of `{recipe.Data.Train}` ({validationRows:N0} more held out to pick the step), test: {report.Confusion.Total:N0} rows of `{recipe.Data.Test}`; seed {recipe.Seed}."));
        s.AppendLine(Invariant($"Trained as SFT: prompt `Review: {{text}}\\nSentiment:` (cut head + tail to {recipe.MaxReviewTokens} tokens) masked, loss on the label word's tokens only; classified by the label words' {(recipe.Scoring == LabelScorer.Sequence ? "summed log-probabilities" : "first-token log-probabilities")}."));
        if (result is not null)
            s.AppendLine(Invariant($"Training: {result.Steps} steps in {result.TrainSeconds:F0} s ({result.TokensPerSecond:N0} tokens/s); best held-out label-token accuracy {Percent(result.BestMetric ?? double.NaN)} at step {result.BestStep}."));
        s.AppendLine();
        s.AppendLine(report.ToMarkdown());
        s.AppendLine();
        s.AppendLine(Invariant($"ROC AUC of the margins: {auc:F3}; predicted positive: {Percent(Share(report))}; scoring: {seconds:F1} s, {report.Confusion.Total / Math.Max(seconds, 1e-9):F1} reviews/s ({Environment.ProcessorCount} logical cores)."));
        s.AppendLine();
        s.AppendLine("Wall time per stage: " + string.Join(", ", stages.Seconds.Select(kv => Invariant($"{kv.Key} {kv.Value:F0} s"))) + ". Curves: " + string.Join(", ", curves.Select(c => $"`{c}`")) + ".");
        File.WriteAllText(Path.Combine(Dir, "report.md"), s.ToString());
        log.WriteLine(s.ToString());
    }
}
