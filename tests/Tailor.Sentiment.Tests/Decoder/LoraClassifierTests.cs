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

    /// <summary>The mean probability, over the contexts, that the next tokens are one of the two label words.</summary>
    static double LabelMass(LlamaForCausalLM model, IReadOnlyList<int[]> contexts, ReviewPrompt prompt) =>
        LabelScorer.LogProbabilities(model, contexts, prompt.LabelTokens).Average(p => p.Sum(MathF.Exp));

    [Fact]
    public void Training_teaches_the_answer_format_and_is_deterministic_by_seed()
    {
        // What 60 LoRA steps reliably teach this fixture LM is the answer's form: after "\nSentiment:" the next token is
        // one of the two label words (the pretrained LM never saw the cue, so it puts little mass there). Whether they also
        // separate the labels is not asserted: the fixture LM is pretrained for seconds, its tied output embeddings of
        // " negative" and " positive" are nearly parallel (cosine 0.98), and with the head frozen the label-token loss has a
        // floor near ln 2 that LoRA sits on. Whether it leaves the floor within the test's budget depends on the seed and on the
        // CPU's floating-point paths: seed 11 reached ROC AUC 0.68 on one machine and 0.47 on another, where seeds 12-14 did
        // no better. The IMDB run shows the same (reports/sentiment/decoder/lora-report.md).
        using var model = LlamaCheckpoint.Load(fixture.ModelDir, ScalarType.Float32);
        var tokenizer = TextTokenizer.Load(fixture.ModelDir);
        var prompt = new ReviewPrompt(tokenizer, 32);
        var test = Tailor.Sentiment.Data.SentimentDataset.Read(fixture.Test);
        var contexts = test.Select(r => prompt.Context([], r.Text)).ToList();
        double before = LabelMass(model, contexts, prompt);

        var report = new LoraClassifierPipeline(Recipe("a"), TextWriter.Null).Run();
        var run = Path.Combine(fixture.Root, "lora-runs", "a");
        Assert.True(File.Exists(Path.Combine(run, "adapter", "adapter_model.safetensors")));
        PeftAdapter.Load(model, Path.Combine(run, "adapter"));
        double after = LabelMass(model, contexts, prompt);
        // Measured: 0.001 before, 0.54 after (the adapter of the best held-out step, 30 of 60).
        Assert.True(before < 0.05, $"the label words' mass after the cue before LoRA: {before:F3}");
        Assert.True(after > 0.25, $"the label words' mass after the cue after LoRA: {after:F3} (before {before:F3})");

        // The loss on the label token falls to a fraction of where the untuned LM starts (measured 7.5 -> 1.3).
        var losses = MetricsLog.Read(Path.Combine(run, "train", "metrics.jsonl")).Where(r => r.Values.ContainsKey("loss")).Select(r => r.Values["loss"]).ToList();
        Assert.True(losses[^1] < 0.4 * losses[0], $"label-token loss {losses[0]:F3} -> {losses[^1]:F3}");

        // The run reports what it measured, whatever it is.
        Assert.Equal(test.Count, report.Confusion.Total);
        Assert.Contains("\"rocAuc\"", File.ReadAllText(Path.Combine(run, "metrics.json")), StringComparison.Ordinal);
        Assert.Contains("accuracy", File.ReadAllText(Path.Combine(run, "report.md")), StringComparison.Ordinal);

        new LoraClassifierPipeline(Recipe("b"), TextWriter.Null).Run();
        var a = ReviewScores.Load(Path.Combine(run, "scores", "test.json"));
        var b = ReviewScores.Load(Path.Combine(fixture.Root, "lora-runs", "b", "scores", "test.json"));
        Assert.Equal(a.Margins, b.Margins);
    }
}
