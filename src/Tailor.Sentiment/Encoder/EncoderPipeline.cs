using System.Diagnostics;
using System.Text.Json;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Ensemble;
using Tailor.Sentiment.Ngrams;
using Tailor.Training.Data;
using Tailor.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Sentiment.Encoder;

/// <summary>
/// Runs an <see cref="EncoderRecipe"/> stage by stage into its run directory:
/// <c>tokenizer/</c> (vocab.txt), <c>pretrain/</c> (masked-LM trainer run, <c>pretrain/model</c>),
/// <c>finetune/</c> (classifier trainer run, <c>finetune/model</c>), <c>scores/</c> (validation and test margins),
/// <c>ngram/</c> and <c>char-ngram/</c> (the n-gram models and their margins), <c>model/</c> (the blend, ready to ship)
/// and <c>report.md</c>.
/// A stage whose output exists is skipped, and a trainer stage resumes from its last checkpoint, so a killed run
/// is started again with the same command. Every stage's wall time is kept in <c>stages.json</c>.
/// </summary>
public sealed class EncoderPipeline(EncoderRecipe recipe, TextWriter log)
{
    public Action<string, TrainerProgress>? OnStep { get; init; }

    string Dir => recipe.RunDirectory;
    public string TokenizerDir => Path.Combine(Dir, "tokenizer");
    public string PretrainedDir => Path.Combine(Dir, "pretrain", "model");
    public string FinetunedDir => Path.Combine(Dir, "finetune", "model");
    public string ScoresDir => Path.Combine(Dir, "scores");

    /// <summary>The labelled training rows split into the rows trained on and the held-out validation rows (seeded, stable).</summary>
    public (IReadOnlyList<SentimentExample> Train, IReadOnlyList<SentimentExample> Validation) Split()
    {
        var rows = SentimentDataset.Read(recipe.Data.Train, recipe.Data.Limit);
        if (rows.Count <= recipe.Data.ValidationRows)
            throw new InvalidDataException($"{recipe.Data.Train}: {rows.Count} rows, not more than data.validation_rows = {recipe.Data.ValidationRows}");
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(recipe.Seed).Shuffle(order);
        var validation = order.Take(recipe.Data.ValidationRows).Order().Select(i => rows[i]).ToList();
        var train = order.Skip(recipe.Data.ValidationRows).Order().Select(i => rows[i]).ToList();
        return (train, validation);
    }

    public void Run(bool resume = true)
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "recipe.json"), recipe.ToJson());
        var stages = StageLog.Open(Path.Combine(Dir, "stages.json"));
        var (train, validation) = Split();
        log.WriteLine($"data: {train.Count:N0} training rows, {validation.Count:N0} validation rows");

        if (!File.Exists(Path.Combine(TokenizerDir, "vocab.txt")))
            stages.Time("tokenizer", () => BuildVocabulary(train, validation));
        var tokenizer = ReviewTokenizer.Load(TokenizerDir);

        if (recipe.Pretrain is { } pretrain && !File.Exists(Path.Combine(PretrainedDir, "model.safetensors")))
            stages.Time("pretrain", () => Pretrain(pretrain, tokenizer, train, validation, resume));
        if (!File.Exists(Path.Combine(FinetunedDir, "model.safetensors")))
            stages.Time("finetune", () => Finetune(tokenizer, train, validation, resume));
        if (!File.Exists(Path.Combine(ScoresDir, "test.json")))
            stages.Time("score", () => Score(validation));
        if (recipe.Ensemble)
        {
            if (!File.Exists(Path.Combine(NgramDir, "test.json")))
                stages.Time("ngram", () => TrainNgram(recipe.Ngram.Options(recipe.Seed), NgramDir, train, validation));
            if (recipe.CharNgram is { } characters && !File.Exists(Path.Combine(CharNgramDir, "test.json")))
                stages.Time("char_ngram", () => TrainNgram(characters.Options(recipe.Seed, NgramUnit.Character), CharNgramDir, train, validation));
            ExportEnsemble();
        }
        new EncoderRunReport(recipe, this, stages).Write();
    }

    public string NgramDir => Path.Combine(Dir, "ngram");
    public string CharNgramDir => Path.Combine(Dir, "char-ngram");
    public string ModelDir => Path.Combine(Dir, "model");

    /// <summary>The blend's n-gram members in blend order (after the encoder): run folder and file name in the model folder.</summary>
    IReadOnlyList<(string Dir, string ModelFile)> NgramMembers => recipe.CharNgram is null
        ? [(NgramDir, "ngram.bin")]
        : [(NgramDir, "ngram.bin"), (CharNgramDir, "char-ngram.bin")];

    /// <summary>
    /// An n-gram model on the same training rows, scored on the same validation and test rows as the encoder: writes
    /// <c>ngram.bin</c>, <c>validation.json</c> and <c>test.json</c> into <paramref name="dir"/>
    /// (also <c>tailor sentiment ngram</c>'s whole job).
    /// </summary>
    public void TrainNgram(NbLogisticRegressionOptions options, string dir, IReadOnlyList<SentimentExample> train, IReadOnlyList<SentimentExample> validation)
    {
        var clock = Stopwatch.StartNew();
        var model = NbLogisticRegression.Train(train, options);
        log.WriteLine(FormattableString.Invariant($"{model.Name}: {model.FeatureCount:N0} features, trained in {clock.Elapsed.TotalSeconds:F1} s"));
        Directory.CreateDirectory(dir);
        model.Save(Path.Combine(dir, "ngram.bin"));
        var test = SentimentDataset.Read(recipe.Data.Test, recipe.Data.Limit);
        foreach (var (name, rows) in new[] { ("validation", validation), ("test", test) })
        {
            clock.Restart();
            var margins = model.Margins([.. rows.Select(r => r.Text)]);
            var scores = new ReviewScores(name, [.. rows.Select(r => r.Label)], margins, clock.Elapsed.TotalSeconds);
            scores.Save(Path.Combine(dir, name + ".json"));
            log.WriteLine(FormattableString.Invariant($"{model.Name} {name}: accuracy {scores.Accuracy:P2} ({rows.Count:N0} rows, {rows.Count / Math.Max(1e-9, scores.Seconds):N0} reviews/s)"));
        }
    }

    /// <summary>
    /// Fits the blend on the validation margins of the members and writes the shipped folder: <c>model/</c> with
    /// <c>sentiment.json</c>, <c>encoder/</c>, <c>ngram.bin</c> (and <c>char-ngram.bin</c>).
    /// </summary>
    void ExportEnsemble()
    {
        var encoder = ReviewScores.Load(Path.Combine(ScoresDir, "validation.json"));
        var ngrams = NgramMembers.Select(m => ReviewScores.Load(Path.Combine(m.Dir, "validation.json")).Margins);
        var blend = MarginBlend.Fit([encoder.Margins, .. ngrams], encoder.Labels);
        Directory.CreateDirectory(ModelDir);
        var encoderDir = Path.Combine(ModelDir, "encoder");
        Directory.CreateDirectory(encoderDir);
        foreach (var file in Directory.GetFiles(FinetunedDir)) File.Copy(file, Path.Combine(encoderDir, Path.GetFileName(file)), overwrite: true);
        foreach (var (dir, file) in NgramMembers) File.Copy(Path.Combine(dir, "ngram.bin"), Path.Combine(ModelDir, file), overwrite: true);
        // A folder exported before without the character member must not keep its file.
        if (recipe.CharNgram is null) File.Delete(Path.Combine(ModelDir, "char-ngram.bin"));
        new EnsembleManifest
        {
            Name = recipe.Name, MaxLength = recipe.Finetune.MaxLength, CharNgram = recipe.CharNgram is null ? null : "char-ngram.bin", Blend = blend,
        }.Save(ModelDir);
        Directory.CreateDirectory(Path.Combine(Dir, "blend"));
        BlendedTestScores().Save(Path.Combine(Dir, "blend", "test.json"));
        log.WriteLine(FormattableString.Invariant($"blend: bias {blend.Bias:F3}, weights {string.Join(", ", blend.Weights.Select(w => w.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} (encoder, n-grams) -> {ModelDir}"));
    }

    /// <summary>Test margins of the blend, from the members' saved scores (no model is run again).</summary>
    public ReviewScores BlendedTestScores()
    {
        var manifest = EnsembleManifest.Load(ModelDir);
        var members = new[] { ScoresDir }.Concat(NgramMembers.Select(m => m.Dir)).Select(dir => ReviewScores.Load(Path.Combine(dir, "test.json"))).ToList();
        var margins = Enumerable.Range(0, members[0].Labels.Length).Select(i => manifest.Blend.Margin([.. members.Select(m => m.Margins[i])]));
        return new ReviewScores("test", members[0].Labels, [.. margins], members.Sum(m => m.Seconds));
    }

    IEnumerable<string> PretrainingTexts(IReadOnlyList<SentimentExample> train, IReadOnlyList<SentimentExample> validation)
    {
        var texts = train.Concat(validation).Select(e => e.Text);
        return recipe.Data.Unlabelled is { } unlabelled ? SentimentDataset.ReadTexts(unlabelled, recipe.Data.Limit).Concat(texts) : texts;
    }

    void BuildVocabulary(IReadOnlyList<SentimentExample> train, IReadOnlyList<SentimentExample> validation)
    {
        var vocabulary = WordPieceTrainer.Train(PretrainingTexts(train, validation).Select(ReviewText.Clean), recipe.Tokenizer.VocabSize, TokenizerDir);
        log.WriteLine($"tokenizer: {vocabulary.Count:N0} WordPiece entries -> {TokenizerDir}");
    }

    int VocabSize => File.ReadLines(Path.Combine(TokenizerDir, "vocab.txt")).Count();

    void Pretrain(EncoderStageSection stage, ReviewTokenizer tokenizer, IReadOnlyList<SentimentExample> train, IReadOnlyList<SentimentExample> validation, bool resume)
    {
        var config = recipe.ModelConfig(VocabSize, tokenizer.PadId);
        // Held-out windows come from the validation reviews, so the eval loss is on text the model never masks in training.
        var trainWindows = PretrainingTexts(train, []).SelectMany(t => tokenizer.Windows(t, stage.MaxLength)).Select(Unlabelled).ToList();
        var evalWindows = validation.Take(256).SelectMany(e => tokenizer.Windows(e.Text, stage.MaxLength)).Select(Unlabelled).ToList();
        log.WriteLine($"pretrain: {trainWindows.Count:N0} windows ({trainWindows.Sum(w => (long)w.Length):N0} tokens), model of {config.EncoderParameterCount():N0} encoder parameters");

        torch.manual_seed(recipe.Seed);
        using var model = new DistilBertForMaskedLM(config);
        var objective = new MaskedLmObjective(model, tokenizer.MaskId, tokenizer.SpecialIds);
        var trainer = new SftTrainer(model, objective, stage.Training with { Seed = recipe.Seed },
            Batches(trainWindows, stage.Training.PerDeviceTrainBatchSize, tokenizer.PadId, shuffle: true),
            Batches(evalWindows, stage.Training.PerDeviceEvalBatchSize, tokenizer.PadId, shuffle: false),
            Path.Combine(Dir, "pretrain"))
        {
            OnStep = p => OnStep?.Invoke("pretrain", p),
            OnLog = (step, values) => LogLine("pretrain", step, values),
        };
        var result = trainer.Train(resume);
        log.WriteLine($"pretrain: {result.Steps} steps, {result.TokensPerSecond:N0} tokens/s, best eval loss {result.BestMetric:F3}");
        DistilBertCheckpoint.Save(model, config, PretrainedDir);
        CopyTokenizer(PretrainedDir);
    }

    void Finetune(ReviewTokenizer tokenizer, IReadOnlyList<SentimentExample> train, IReadOnlyList<SentimentExample> validation, bool resume)
    {
        var stage = recipe.Finetune;
        TokenizedExample Labelled(SentimentExample e) => SequenceClassificationObjective.Example(tokenizer.Encode(e.Text, stage.MaxLength), e.Label);
        var trainExamples = train.Select(Labelled).ToList();
        var evalExamples = validation.Select(Labelled).ToList();

        torch.manual_seed(recipe.Seed);
        using var model = recipe.Pretrain is null
            ? new DistilBertForSequenceClassification(recipe.ModelConfig(VocabSize, tokenizer.PadId) with { Architecture = DistilBertConfig.SequenceClassification })
            : DistilBertCheckpoint.ClassifierFromEncoder(PretrainedDir, SentimentLabels.Names);
        var args = stage.Training with
        {
            Seed = recipe.Seed,
            MetricForBestModel = "eval_mean_token_accuracy",
            GreaterIsBetter = true,
            LoadBestModelAtEnd = true,
        };
        var trainer = new SftTrainer(model, new SequenceClassificationObjective(model), args,
            Batches(trainExamples, args.PerDeviceTrainBatchSize, tokenizer.PadId, shuffle: true),
            Batches(evalExamples, args.PerDeviceEvalBatchSize, tokenizer.PadId, shuffle: false),
            Path.Combine(Dir, "finetune"))
        {
            OnStep = p => OnStep?.Invoke("finetune", p),
            OnLog = (step, values) => LogLine("finetune", step, values),
        };
        var result = trainer.Train(resume);
        log.WriteLine($"finetune: {result.Steps} steps, {result.TokensPerSecond:N0} tokens/s, best validation accuracy {result.BestMetric:P2} at step {result.BestStep}");
        DistilBertCheckpoint.Save(model, model.Config, FinetunedDir);
        CopyTokenizer(FinetunedDir);
    }

    void Score(IReadOnlyList<SentimentExample> validation)
    {
        var test = SentimentDataset.Read(recipe.Data.Test, recipe.Data.Limit);
        using var classifier = EncoderSentimentClassifier.Load(FinetunedDir, recipe.Finetune.MaxLength);
        Directory.CreateDirectory(ScoresDir);
        foreach (var (name, rows) in new[] { ("validation", validation), ("test", test) })
        {
            var clock = Stopwatch.StartNew();
            var margins = classifier.Margins([.. rows.Select(r => r.Text)]);
            double seconds = clock.Elapsed.TotalSeconds;
            var scores = new ReviewScores(name, [.. rows.Select(r => r.Label)], margins, seconds);
            scores.Save(Path.Combine(ScoresDir, name + ".json"));
            log.WriteLine($"score {name}: accuracy {scores.Accuracy:P2}, {rows.Count / seconds:N0} reviews/s");
        }
    }

    /// <summary>vocab.txt and tokenizer_config.json beside the weights, so the folder is a complete HF model folder.</summary>
    void CopyTokenizer(string modelDir)
    {
        foreach (var file in new[] { "vocab.txt", "tokenizer_config.json" })
            File.Copy(Path.Combine(TokenizerDir, file), Path.Combine(modelDir, file), overwrite: true);
    }

    static TokenizedExample Unlabelled(int[] ids) => new(ids, [.. Enumerable.Repeat(TokenizedExample.IgnoreIndex, ids.Length)]);

    Batcher Batches(IReadOnlyList<TokenizedExample> examples, int batchSize, int padId, bool shuffle) =>
        new(examples, new BatcherOptions { BatchSize = batchSize, PadTokenId = padId, Seed = recipe.Seed, Shuffle = shuffle, GroupByLength = true });

    void LogLine(string stage, long step, IReadOnlyDictionary<string, double> values) =>
        log.WriteLine($"{stage} step {step}: " + string.Join(", ", values.Select(v => FormattableString.Invariant($"{v.Key} {v.Value:G4}"))));
}
