using System.Text.Json;
using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Ensemble;
using Tailor.Training.Trainer;

namespace Tailor.Sentiment.Tests.Encoder;

/// <summary>
/// <see cref="EncoderPipeline"/> end to end on a few hundred synthetic reviews written here and a tiny DistilBERT
/// (2 layers of 32, WordPiece 300, windows of 32): the run directory it leaves, the shipped model folder against the
/// pipeline's own blended scores, skipping finished stages, and seeded reruns.
/// </summary>
[Collection(TorchModelTests.Name)]
public sealed class EncoderPipelineTests : IDisposable
{
    static readonly string[] Good = ["great", "wonderful", "excellent", "superb"];
    static readonly string[] Bad = ["awful", "terrible", "dreadful", "boring"];
    static readonly string[] Filler = ["the film", "this movie", "the acting", "the plot", "the ending", "the music"];

    readonly TempDirectory temp = new();
    readonly string train;
    readonly string test;

    public EncoderPipelineTests()
    {
        train = Write("train.jsonl", 240, seed: 1);
        test = Write("test.jsonl", 60, seed: 2);
    }

    public void Dispose() => temp.Dispose();

    string Write(string name, int count, int seed)
    {
        var random = new Random(seed);
        var path = temp.File(name);
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i =>
        {
            int label = i % 2;
            var word = (label == 1 ? Good : Bad)[random.Next(Good.Length)];
            var text = $"{Filler[random.Next(Filler.Length)]} was {word}.<br /><br />{Filler[random.Next(Filler.Length)]} was fine, review {i}";
            return JsonSerializer.Serialize(new { text, label });
        }));
        return path;
    }

    EncoderRecipe Recipe(string outputDir, bool pretrain = false) => new EncoderRecipe
    {
        Name = "tiny",
        OutputDir = outputDir,
        Seed = 7,
        Data = new EncoderDataSection { Train = train, Test = test, Unlabelled = null, ValidationRows = 40 },
        Tokenizer = new EncoderTokenizerSection { VocabSize = 300 },
        Model = new EncoderModelSection { Dim = 32, HiddenDim = 64, NLayers = 2, NHeads = 2, MaxPositionEmbeddings = 64 },
        Pretrain = pretrain
            ? new EncoderStageSection
            {
                MaxLength = 32,
                Training = new TrainingArguments { MaxSteps = 3, PerDeviceTrainBatchSize = 16, PerDeviceEvalBatchSize = 32, LearningRate = 1e-3, LoggingSteps = 1, EvalSteps = 0, SaveSteps = 0 },
            }
            : null,
        Finetune = new EncoderStageSection
        {
            MaxLength = 32,
            Training = new TrainingArguments { MaxSteps = 24, PerDeviceTrainBatchSize = 16, PerDeviceEvalBatchSize = 40, LearningRate = 3e-3, LoggingSteps = 4, EvalSteps = 8, SaveSteps = 8 },
        },
        Ensemble = true,
        Ngram = new EncoderNgramSection { Epochs = 4 },
        CharNgram = new EncoderNgramSection { Epochs = 4, MinOrder = 3, MaxOrder = 4 },
    }.Validate("test recipe");

    static readonly string[] RunFiles =
    [
        "recipe.json", "stages.json", "report.md", "metrics.json",
        "tokenizer/vocab.txt",
        "finetune/model/model.safetensors", "finetune/model/config.json", "finetune/model/vocab.txt",
        "scores/validation.json", "scores/test.json",
        "ngram/ngram.bin", "ngram/validation.json", "ngram/test.json",
        "char-ngram/ngram.bin", "char-ngram/validation.json", "char-ngram/test.json",
        "model/sentiment.json", "model/ngram.bin", "model/char-ngram.bin", "model/encoder/model.safetensors", "model/encoder/config.json", "model/encoder/vocab.txt",
        "blend/test.json",
    ];

    [Fact]
    public void A_run_leaves_its_stages_a_report_and_a_model_folder_that_scores_as_the_pipeline_did()
    {
        var recipe = Recipe(temp.File("runs"));
        var pipeline = new EncoderPipeline(recipe, TextWriter.Null);

        pipeline.Run();

        var dir = recipe.RunDirectory;
        foreach (var file in RunFiles) Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} is missing");
        Assert.False(Directory.Exists(Path.Combine(dir, "pretrain")), "no pretrain stage in this recipe");
        var stages = StageSeconds(dir);
        Assert.Equal(["char_ngram", "finetune", "ngram", "score", "tokenizer"], stages.Keys.Order(StringComparer.Ordinal));

        var report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("| distilbert", report, StringComparison.Ordinal);
        Assert.Contains("| nb-logreg word 1-3-grams |", report, StringComparison.Ordinal);
        Assert.Contains("| nb-logreg character 3-4-grams |", report, StringComparison.Ordinal);
        Assert.Contains("| blend: distilbert + nb-logreg words + characters (shipped) |", report, StringComparison.Ordinal);
        Assert.DoesNotContain("masked-LM pretraining", report, StringComparison.Ordinal);
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json"))))
            Assert.Equal(4, metrics.RootElement.GetProperty("routes").GetArrayLength());
        Assert.Equal(3, EnsembleManifest.Load(Path.Combine(dir, "model")).Blend.Weights.Count);

        // The n-gram model sees the sentiment word in every review: the synthetic set is easy for it.
        Assert.True(ReviewScores.Load(Path.Combine(dir, "ngram", "test.json")).Accuracy >= 0.95);

        // The shipped folder loads as the ensemble and gives the margins the pipeline blended from saved scores.
        var blended = pipeline.BlendedTestScores();
        Assert.Equal(blended.Margins, ReviewScores.Load(Path.Combine(dir, "blend", "test.json")).Margins);
        var texts = File.ReadLines(test).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!).ToList();
        using (var model = SentimentModels.Load(Path.Combine(dir, "model")))
        {
            var ensemble = Assert.IsType<EnsembleSentimentClassifier>(model);
            var margins = ensemble.Margins(texts);
            Assert.Equal(blended.Margins.Length, margins.Length);
            for (int i = 0; i < margins.Length; i++) Assert.True(Math.Abs(margins[i] - blended.Margins[i]) < 1e-4, $"review {i}: {margins[i]} vs {blended.Margins[i]}");
        }

        // A second run finds every stage done: nothing is timed again and the encoder is not retrained.
        var stagesJson = File.ReadAllText(Path.Combine(dir, "stages.json"));
        var weights = File.GetLastWriteTimeUtc(Path.Combine(dir, "finetune", "model", "model.safetensors"));
        new EncoderPipeline(recipe, TextWriter.Null).Run();
        Assert.Equal(stagesJson, File.ReadAllText(Path.Combine(dir, "stages.json")));
        Assert.Equal(weights, File.GetLastWriteTimeUtc(Path.Combine(dir, "finetune", "model", "model.safetensors")));
        Assert.Equal(blended.Margins, pipeline.BlendedTestScores().Margins);

        // The same recipe in a fresh directory gives the same scores, member by member.
        var again = Recipe(temp.File("runs-again"));
        new EncoderPipeline(again, TextWriter.Null).Run();
        foreach (var scores in new[] { "scores/validation.json", "scores/test.json", "ngram/test.json", "char-ngram/test.json", "blend/test.json" })
        {
            Assert.Equal(ReviewScores.Load(Path.Combine(dir, scores)).Margins, ReviewScores.Load(Path.Combine(again.RunDirectory, scores)).Margins);
        }
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "model", "sentiment.json")), File.ReadAllText(Path.Combine(again.RunDirectory, "model", "sentiment.json")));

        // The recipe without the character member, run in the same directory: a two-model blend whose folder no
        // longer holds the character model, and which loads and scores as the pipeline blended.
        var wordsOnly = recipe with { CharNgram = null };
        var twoModels = new EncoderPipeline(wordsOnly, TextWriter.Null);
        twoModels.Run();
        Assert.False(File.Exists(Path.Combine(dir, "model", "char-ngram.bin")));
        var manifest = EnsembleManifest.Load(Path.Combine(dir, "model"));
        Assert.Null(manifest.CharNgram);
        Assert.Equal(2, manifest.Blend.Weights.Count);
        Assert.Contains("| blend: distilbert + nb-logreg (shipped) |", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        using (var model = SentimentModels.Load(Path.Combine(dir, "model")))
        {
            var margins = Assert.IsType<EnsembleSentimentClassifier>(model).Margins(texts);
            var expected = twoModels.BlendedTestScores().Margins;
            for (int i = 0; i < margins.Length; i++) Assert.True(Math.Abs(margins[i] - expected[i]) < 1e-4, $"review {i}: {margins[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void A_pretrain_stage_fine_tunes_from_the_masked_lm()
    {
        var recipe = Recipe(temp.File("runs"), pretrain: true);
        var pipeline = new EncoderPipeline(recipe, TextWriter.Null);

        pipeline.Run();

        var dir = recipe.RunDirectory;
        foreach (var file in RunFiles.Append("pretrain/model/model.safetensors")) Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} is missing");
        Assert.Contains("pretrain", StageSeconds(dir).Keys);
        Assert.Contains("masked-LM pretraining", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        using var model = SentimentModels.Load(Path.Combine(dir, "model"));
        Assert.IsType<EnsembleSentimentClassifier>(model);
    }

    static Dictionary<string, double> StageSeconds(string dir) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(dir, "stages.json")))!;
}
