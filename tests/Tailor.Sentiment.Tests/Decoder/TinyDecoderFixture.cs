using System.Text.Json;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Decoder;
using Tailor.Training.Trainer;

namespace Tailor.Sentiment.Tests.Decoder;

/// <summary>
/// Synthetic review files written to a temp folder (whose only signal is one sentiment word) and a tiny Llama pretrained on
/// them for a few steps by <see cref="LanguageModelPipeline"/> itself: vocabulary of 400 byte-level BPE tokens, 2 layers of 32.
/// </summary>
public sealed class TinyDecoderFixture : IDisposable
{
    static readonly string[] Good = ["great", "wonderful", "excellent", "superb"];
    static readonly string[] Bad = ["awful", "terrible", "dreadful", "boring"];
    static readonly string[] Subjects = ["the film", "this movie", "the acting", "the plot", "the ending"];

    readonly TempDirectory temp = new();

    public TinyDecoderFixture()
    {
        Train = Write("train.jsonl", Reviews(240, seed: 1, tag: "train"));
        Test = Write("test.jsonl", Reviews(60, seed: 2, tag: "test"));
        // The unlabelled text also uses the label words, as real reviews do, so the tiny BPE learns them as whole tokens
        // and the LoRA test asks for one decisive token rather than a spelling of byte pieces.
        Unlabelled = Write("unsup.jsonl", Reviews(100, seed: 3, tag: "unsup")
            .Select((r, i) => r with { Text = r.Text + (i % 2 == 0 ? " I felt positive" : " I felt negative"), Label = -1 }).ToList());
        // Pretrained on first use: the collection fixture is made for every run of the torch collection, also when
        // only tests that need no LM (the encoder pipeline's) are run.
        modelDir = new Lazy<string>(() =>
        {
            var recipe = LanguageModel(Path.Combine(temp.Path, "runs"));
            new LanguageModelPipeline(recipe, TextWriter.Null).Run();
            return Path.Combine(recipe.RunDirectory, "model");
        });
    }

    readonly Lazy<string> modelDir;

    public string Root => temp.Path;
    public string Train { get; }
    public string Test { get; }
    public string Unlabelled { get; }
    public string ModelDir => modelDir.Value;

    public DecoderDataSection Data => new() { Train = Train, Test = Test, Unlabelled = Unlabelled };

    public LanguageModelRecipe LanguageModel(string outputDir) => new()
    {
        Name = "lm",
        OutputDir = outputDir,
        Seed = 5,
        Data = Data,
        Tokenizer = new DecoderTokenizerSection { VocabSize = 400 },
        Model = new DecoderModelSection { HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 256 },
        MaxReviewTokens = 48,
        MaxLength = 64,
        ValidationRows = 20,
        Training = new TrainingArguments { MaxSteps = 60, PerDeviceTrainBatchSize = 8, PerDeviceEvalBatchSize = 16, LearningRate = 3e-2, LoggingSteps = 5, EvalSteps = 0, SaveSteps = 0 },
    };

    /// <summary>Reviews alternating negative/positive; each text carries <paramref name="tag"/> and its index, so leaks are traceable.</summary>
    public static List<SentimentExample> Reviews(int count, int seed, string tag)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            int label = i % 2;
            var word = (label == 1 ? Good : Bad)[random.Next(Good.Length)];
            return new SentimentExample($"{Subjects[random.Next(Subjects.Length)]} was {word}.<br /><br />{tag} {i}", label);
        })];
    }

    string Write(string name, IReadOnlyList<SentimentExample> rows)
    {
        var path = temp.File(name);
        File.WriteAllLines(path, rows.Select(r => r.Label < 0
            ? JsonSerializer.Serialize(new { text = r.Text })
            : JsonSerializer.Serialize(new { text = r.Text, label = r.Label })));
        return path;
    }

    public void Dispose() => temp.Dispose();
}
