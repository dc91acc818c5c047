using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Decoder;
using Tailor.Sentiment.Encoder;
using Tailor.Training.Adapters;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Sentiment.Tests.Decoder;

[Collection(TorchModelTests.Name)]
public sealed class LoraClassifierTests(TinyDecoderFixture fixture)
{
    [Fact]
    public void An_adapter_of_zeros_leaves_the_label_probabilities_unchanged()
    {
        using var model = LlamaCheckpoint.Load(fixture.ModelDir, ScalarType.Float32);
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 32);
        var contexts = TinyDecoderFixture.Reviews(5, seed: 6, tag: "zero").Select(r => prompt.Context([], r.Text)).ToList();
        var before = LabelScorer.LogProbabilities(model, contexts, prompt.LabelTokens);

        var config = new LoraConfig { R = 8, Alpha = 16, TargetModules = LoraTargets.AllLinear };
        var wrapped = LoraInjector.Apply(model, config, ScalarType.Float32, new Generator(1));
        Assert.NotEmpty(wrapped);
        using (no_grad())
        {
            foreach (var (_, layer) in LoraInjector.LoraLayers(model))
            {
                // A random, B zero: the update B·A is exactly zero whatever A holds.
                Assert.True(layer.LoraA.weight.abs().sum().item<float>() > 0);
                layer.LoraB.weight.zero_();
            }
        }
        var after = LabelScorer.LogProbabilities(model, contexts, prompt.LabelTokens);
        for (int i = 0; i < contexts.Count; i++) Assert.Equal(before[i], after[i]);

        // And a non-zero B does change them: the check above can fail.
        using (no_grad()) LoraInjector.LoraLayers(model)[0].Layer.LoraB.weight.fill_(0.5f);
        var changed = LabelScorer.LogProbabilities(model, contexts, prompt.LabelTokens);
        Assert.NotEqual(before[0][0], changed[0][0]);
    }

    LoraClassifierRecipe Recipe(string name) => new()
    {
        Name = name,
        OutputDir = Path.Combine(fixture.Root, "lora-runs"),
        Seed = 11,
        Model = fixture.ModelDir,
        Data = fixture.Data,
        ValidationRows = 40,
        Lora = new LoraSection { R = 8, Alpha = 16, Dropout = 0, TargetModules = ["all-linear"] },
        MaxReviewTokens = 32,
        Training = new TrainingArguments { MaxSteps = 60, PerDeviceTrainBatchSize = 16, PerDeviceEvalBatchSize = 40, LearningRate = 2e-2, WarmupSteps = 4, LoggingSteps = 10, EvalSteps = 30, SaveSteps = 0 },
    };

    [Fact]
    public void Training_on_a_separable_set_separates_the_labels_and_is_deterministic_by_seed()
    {
        // Measured by ROC AUC of the label margins, not accuracy: the fixture LM is pretrained for seconds, its label logits
        // stay close together, and 60 LoRA steps move their ordering (measured 0.46 -> 0.68) well before the margins'
        // common offset crosses zero (accuracy stays near 50%). A weak model, so a modest bar; it still fails if LoRA
        // training does not reach the label scores at all.
        // Before: the pretrained LM as a zero-shot classifier of the same test file.
        using var model = LlamaCheckpoint.Load(fixture.ModelDir, ScalarType.Float32);
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 32);
        var test = Tailor.Sentiment.Data.SentimentDataset.Read(fixture.Test);
        var zeroShot = LabelScorer.Margins(model, [.. test.Select(r => prompt.Context([], r.Text))], prompt.LabelTokens);
        var gold = test.Select(r => r.Label).ToArray();
        double before = DecoderReports.RocAuc(gold, zeroShot);

        new LoraClassifierPipeline(Recipe("a"), TextWriter.Null).Run();
        var run = Path.Combine(fixture.Root, "lora-runs", "a");
        double after = DecoderReports.RocAuc(gold, ReviewScores.Load(Path.Combine(run, "scores", "test.json")).Margins);
        Assert.True(after >= 0.6, $"LoRA ROC AUC {after:F3} on reviews whose only signal is one word (zero-shot {before:F3})");
        Assert.True(after > before + 0.1, $"LoRA ROC AUC {after:F3} vs zero-shot {before:F3}");
        Assert.True(File.Exists(Path.Combine(run, "adapter", "adapter_model.safetensors")));
        Assert.Contains("\"rocAuc\"", File.ReadAllText(Path.Combine(run, "metrics.json")), StringComparison.Ordinal);
        Assert.Contains("accuracy", File.ReadAllText(Path.Combine(run, "report.md")), StringComparison.Ordinal);

        new LoraClassifierPipeline(Recipe("b"), TextWriter.Null).Run();
        var a = ReviewScores.Load(Path.Combine(run, "scores", "test.json"));
        var b = ReviewScores.Load(Path.Combine(fixture.Root, "lora-runs", "b", "scores", "test.json"));
        Assert.Equal(a.Margins, b.Margins);
    }
}
