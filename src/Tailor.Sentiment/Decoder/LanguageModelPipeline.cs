using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Encoder;
using Tailor.Training.Data;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;
using static Tailor.Sentiment.Decoder.DecoderReports;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// Runs a <see cref="LanguageModelRecipe"/> into its run directory: <c>tokenizer/</c> (byte-level BPE learned by
/// <see cref="BpeTrainer"/>), <c>pretrain/</c> (the <see cref="SftTrainer"/> run: checkpoints, metrics.jsonl),
/// <c>model/</c> (config.json, model.safetensors, tokenizer files), loss curves, <c>metrics.json</c> and <c>report.md</c>.
/// A stage whose output exists is skipped and the trainer resumes from its last checkpoint, so a killed run is
/// started again with the same command.
/// </summary>
public sealed class LanguageModelPipeline(LanguageModelRecipe recipe, TextWriter log)
{
    /// <summary>The special tokens of every Tailor-trained tokenizer (as <c>tailor tokenizer train</c> writes them).</summary>
    public static IReadOnlyList<string> SpecialTokens { get; } = ["<|begin_of_text|>", "<|end_of_text|>", "<|pad|>"];

    public Action<TrainerProgress>? OnStep { get; init; }

    string Dir => recipe.RunDirectory;
    public string TokenizerDir => Path.Combine(Dir, "tokenizer");
    public string ModelDir => Path.Combine(Dir, "model");

    /// <summary>
    /// The pretraining texts (unlabelled rows, then the training rows but the last <c>validation_rows</c>) and the
    /// held-out validation texts. The test file is never read.
    /// </summary>
    public (IReadOnlyList<string> Train, IReadOnlyList<string> Validation) Texts()
    {
        var labelled = SentimentDataset.Read(recipe.Data.Train, recipe.Data.TrainRows).Select(r => r.Text).ToList();
        if (labelled.Count <= recipe.ValidationRows)
            throw new InvalidDataException($"{recipe.Data.Train}: {labelled.Count} rows, not more than validation_rows = {recipe.ValidationRows}");
        var unlabelled = recipe.Data.Unlabelled is { } path ? SentimentDataset.ReadTexts(path, recipe.Data.UnlabelledRows) : [];
        var train = unlabelled.Concat(labelled.Take(labelled.Count - recipe.ValidationRows)).ToList();
        return (train, labelled.Skip(labelled.Count - recipe.ValidationRows).ToList());
    }

    public void Run(bool resume = true)
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "recipe.json"), DecoderRecipes.ToJson(recipe));
        var stages = StageLog.Open(Path.Combine(Dir, "stages.json"));
        var (train, validation) = Texts();
        log.WriteLine($"data: {train.Count:N0} pretraining reviews, {validation.Count:N0} held-out reviews");

        if (!File.Exists(Path.Combine(TokenizerDir, "tokenizer.json")))
            stages.Time("tokenizer", () => BpeTrainer.Train(train.Select(ReviewText.Clean), recipe.Tokenizer.VocabSize, SpecialTokens, TokenizerDir,
                bosToken: SpecialTokens[0], eosToken: SpecialTokens[1], padToken: SpecialTokens[2], addBosToken: true,
                modelMaxLength: recipe.Model.MaxPositionEmbeddings));
        var tokenizer = TextTokenizer.Load(TokenizerDir);
        log.WriteLine($"tokenizer: {tokenizer.VocabSize:N0} byte-level BPE tokens -> {TokenizerDir}");

        if (!File.Exists(Path.Combine(ModelDir, "model.safetensors")))
            stages.Time("pretrain", () => Pretrain(tokenizer, train, validation, resume));
        WriteReport(stages);
    }

    void Pretrain(TextTokenizer tokenizer, IReadOnlyList<string> train, IReadOnlyList<string> validation, bool resume)
    {
        var prompt = new ReviewPrompt(tokenizer, recipe.MaxReviewTokens ?? int.MaxValue);
        var trainDocuments = train.Select(t => Document(prompt.Document(t))).ToList();
        var evalDocuments = validation.Select(t => Document(prompt.Document(t))).ToList();
        var config = recipe.ModelConfig(tokenizer.VocabSize) with
        {
            BosTokenId = tokenizer.BosTokenId,
            EosTokenIds = tokenizer.EosTokenId is { } eos ? [eos] : [],
            PadTokenId = tokenizer.PadTokenId,
        };
        using var model = new LlamaForCausalLM(config).InitializeWeights(recipe.Seed);
        long parameters = model.parameters().Sum(p => p.numel());
        log.WriteLine($"pretrain: {trainDocuments.Count:N0} documents, {trainDocuments.Sum(d => (long)d.Length):N0} tokens in blocks of {recipe.MaxLength}; {parameters:N0} parameters");

        var args = recipe.Training with { Seed = recipe.Seed };
        var options = BatcherOptions.For(tokenizer, args.PerDeviceTrainBatchSize, recipe.Seed) with { PackingLength = recipe.MaxLength };
        var trainer = new SftTrainer(model, args,
            new Batcher(trainDocuments, options),
            new Batcher(evalDocuments, options with { BatchSize = args.PerDeviceEvalBatchSize, Shuffle = false }),
            Path.Combine(Dir, "pretrain"))
        {
            OnStep = OnStep,
            OnLog = (step, values) => log.WriteLine($"pretrain step {step}: " + string.Join(", ", values.Select(v => Invariant($"{v.Key} {v.Value:G4}")))),
        };
        var result = trainer.Train(resume);
        log.WriteLine(Invariant($"pretrain: {result.Steps} steps, {result.TokensPerSecond:N0} tokens/s, best eval loss {result.BestMetric:F3}"));
        LlamaCheckpoint.Save(model, ModelDir);
        TextTokenizer.CopyFiles(TokenizerDir, ModelDir);
        DecoderReports.WriteJson(Path.Combine(Dir, "pretrain", "result.json"), new { result, parameters, trainDocuments = trainDocuments.Count, evalDocuments = evalDocuments.Count });
    }

    /// <summary>Every token after the first is a target (pretraining: the loss is on all of the text).</summary>
    static TokenizedExample Document(int[] ids) =>
        new(ids, [.. ids.Select((id, t) => t == 0 ? TokenizedExample.IgnoreIndex : id)]);

    void WriteReport(StageLog stages)
    {
        var metricsPath = Path.Combine(Dir, "pretrain", "metrics.jsonl");
        var curves = File.Exists(metricsPath) ? TrainingCurves.Write(metricsPath, Dir) : [];
        var rows = File.Exists(metricsPath) ? MetricsLog.Read(metricsPath) : [];
        var evals = rows.Where(r => r.Values.ContainsKey("eval_loss")).Select(r => (r.Step, Loss: r.Values["eval_loss"])).ToList();
        var trainLosses = rows.Where(r => r.Values.ContainsKey("loss")).Select(r => (r.Step, Loss: r.Values["loss"])).ToList();
        var config = LlamaConfig.Load(ModelDir);
        double? finalEval = evals.Count > 0 ? evals[^1].Loss : null;
        var metrics = new
        {
            route = "decoder-lm",
            model = ModelDir,
            config.VocabSize,
            config.HiddenSize,
            config.IntermediateSize,
            config.NumHiddenLayers,
            config.NumAttentionHeads,
            steps = trainLosses.Count > 0 ? trainLosses[^1].Step : 0,
            firstTrainLoss = trainLosses.Count > 0 ? trainLosses[0].Loss : (double?)null,
            finalTrainLoss = trainLosses.Count > 0 ? trainLosses[^1].Loss : (double?)null,
            finalEvalLoss = finalEval,
            finalEvalPerplexity = finalEval is { } l ? Math.Exp(l) : (double?)null,
            stageSeconds = stages.Seconds,
            curves = curves.Select(Path.GetFileName).ToList(),
        };
        WriteJson(Path.Combine(Dir, "metrics.json"), metrics);
        var markdown = Invariant($"""
            # Sentiment decoder route (a): a small Llama pretrained on IMDB reviews

            recipe: `{recipe.Name}` (seed {recipe.Seed}); data: `{recipe.Data.Unlabelled}` ({recipe.Data.UnlabelledRows?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "all"} rows) + `{recipe.Data.Train}` ({recipe.Data.TrainRows?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "all"} rows, the last {recipe.ValidationRows} held out); the test file is not read.
            Documents are "Review: {"{text}"}" cut to {recipe.MaxReviewTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no limit"} tokens (head + tail), packed into blocks of {recipe.MaxLength}.

            | | |
            | --- | --- |
            | model | Llama, {config.NumHiddenLayers} layers × {config.HiddenSize} (MLP {config.IntermediateSize}, {config.NumAttentionHeads} heads), vocabulary {config.VocabSize:N0} byte-level BPE |
            | optimizer steps | {metrics.steps:N0} |
            | train loss, first → last log | {metrics.firstTrainLoss:F3} → {metrics.finalTrainLoss:F3} |
            | held-out loss (perplexity) | {finalEval:F3} ({metrics.finalEvalPerplexity:F1}) |
            | wall time | {string.Join(", ", stages.Seconds.Select(s => Invariant($"{s.Key} {s.Value:F0} s")))} |

            Curves: {string.Join(", ", metrics.curves.Where(c => c!.EndsWith(".png", StringComparison.Ordinal)).Select(c => $"`{c}`"))}.

            """);
        File.WriteAllText(Path.Combine(Dir, "report.md"), markdown);
        log.WriteLine(markdown);
    }
}
