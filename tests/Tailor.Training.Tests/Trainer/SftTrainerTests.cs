using Tailor.Engine.Checkpoints;
using Tailor.Engine.Models;
using Tailor.Training.Adapters;
using Tailor.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Tests.Trainer;

[Collection("global torch seed")]
public class SftTrainerTests
{
    static readonly LlamaConfig Config = TinyModels.Llama() with { MaxPositionEmbeddings = 64 };

    static Dictionary<string, Tensor> Trainable(LlamaForCausalLM model) =>
        model.named_parameters().Where(p => p.parameter.requires_grad).ToDictionary(p => p.name, p => p.parameter.detach().clone());

    static double FinalLoss(LlamaForCausalLM model, SftTrainer trainer) =>
        trainer.Evaluate(TrainerFixtures.Batches(TrainerFixtures.MemorisationSet(), 8, shuffle: false)).Loss;

    [Theory]
    [InlineData("full", 60, 0.1)]
    [InlineData("lora", 150, 0.5)]
    [InlineData("qlora", 150, 0.5)]
    public void ATinyModelMemorisesATinySet(string method, int steps, double bound)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(Config, seed: 2);
        if (method == "qlora") QLoraPreparer.Quantize(model);
        if (method != "full")
            LoraInjector.Apply(model, new LoraConfig { R = 8, Alpha = 16, TargetModules = LoraTargets.AllLinear }, ScalarType.Float32, new Generator(1));
        var data = TrainerFixtures.MemorisationSet();
        var args = TrainerFixtures.Args with { MaxSteps = steps, LearningRate = method == "full" ? 3e-3 : 1e-2 };
        var trainer = new SftTrainer(model, args, TrainerFixtures.Batches(data, 4), null, dir.Path);

        double before = FinalLoss(model, trainer);
        var result = trainer.Train();
        double after = FinalLoss(model, trainer);
        Assert.Equal(steps, result.Steps);
        Assert.True(before > 3.0, $"{method}: initial loss {before} should be near ln(97)");
        Assert.True(after < bound, $"{method}: loss {before:F3} -> {after:F3}, bound {bound}");
    }

    [Fact]
    public void PromptTokensGetNoGradient()
    {
        using var model = TinyModels.Build(Config);
        var example = TrainerFixtures.MemorisationSet(1)[0];
        using var batch = TrainerFixtures.Batches([example], 1).GetBatch(0, 0);
        var logits = model.forward(batch.InputIds, batch.AttentionMask).detach().requires_grad_(true);
        CausalLmLoss.Compute(logits, batch.Labels).LossSum.backward();
        var gradNorms = logits.grad!.abs().sum(-1)[0];
        // Position t predicts label t+1: the first 3 positions predict prompt tokens 1..3 and must get nothing.
        for (int t = 0; t < 3; t++) Assert.Equal(0f, gradNorms[t].item<float>());
        for (int t = 3; t < 7; t++) Assert.True(gradNorms[t].item<float>() > 0f, $"position {t} should carry loss");
        Assert.Equal(0f, gradNorms[7].item<float>());  // the last position predicts nothing
    }

    [Fact]
    public void KilledThenResumedTrainingEqualsUninterruptedTraining()
    {
        var data = TrainerFixtures.MemorisationSet(12);
        var args = TrainerFixtures.Args with { MaxSteps = 12, SaveSteps = 4, GradientAccumulationSteps = 2, PerDeviceTrainBatchSize = 2, LrSchedulerType = "cosine", WarmupSteps = 2 };
        var lora = new LoraConfig { R = 4, Alpha = 8, Dropout = 0.1, TargetModules = LoraTargets.AllLinear };

        LlamaForCausalLM Fresh()
        {
            var m = TinyModels.Build(Config, seed: 4);
            LoraInjector.Apply(m, lora, ScalarType.Float32, new Generator(9));
            return m;
        }

        using var straightDir = new TempDirectory();
        using var straight = Fresh();
        new SftTrainer(straight, args, TrainerFixtures.Batches(data, 2), null, straightDir.Path).Train();

        using var killedDir = new TempDirectory();
        using (var killed = Fresh())
        {
            using var cancel = new CancellationTokenSource();
            var trainer = new SftTrainer(killed, args, TrainerFixtures.Batches(data, 2), null, killedDir.Path)
            {
                OnStep = p => { if (p.Step == 7) cancel.Cancel(); },
            };
            Assert.Throws<OperationCanceledException>(() => trainer.Train(cancel: cancel.Token));
        }
        // A half-written checkpoint must be ignored on resume.
        Directory.CreateDirectory(Path.Combine(killedDir.Path, "checkpoints", "checkpoint-000008.partial"));

        using var resumed = Fresh();
        var result = new SftTrainer(resumed, args, TrainerFixtures.Batches(data, 2), null, killedDir.Path).Train(resume: true);
        Assert.Equal(12, result.Steps);

        var expected = Trainable(straight);
        foreach (var (name, value) in Trainable(resumed))
            Assert.True(value.eq(expected[name]).all().item<bool>(), $"{name} differs after resume");
        Assert.Equal(File.ReadAllLines(Path.Combine(straightDir.Path, "metrics.jsonl")).Select(DropSpeed),
                     File.ReadAllLines(Path.Combine(killedDir.Path, "metrics.jsonl")).Select(DropSpeed));
    }

    /// <summary>Metrics lines without the wall-clock throughput, which legitimately differs between runs.</summary>
    static string DropSpeed(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\"tokens_per_second\":[^,}]*", "");

    [Fact]
    public void EarlyStoppingStopsAndRestoresTheBestWeights()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(Config, seed: 6);
        var train = TrainerFixtures.MemorisationSet(8, seed: 1);
        var eval = TrainerFixtures.MemorisationSet(8, seed: 2);  // other pairs: memorising train does not help here
        // An impossible improvement threshold: only the first evaluation is ever "best".
        var args = TrainerFixtures.Args with
        {
            MaxSteps = 40, EvalSteps = 5, EarlyStoppingPatience = 2, EarlyStoppingThreshold = 1e6, LoadBestModelAtEnd = true,
        };
        Dictionary<string, Tensor>? atFirstEval = null;
        var trainer = new SftTrainer(model, args, TrainerFixtures.Batches(train, 4), TrainerFixtures.Batches(eval, 8, shuffle: false), dir.Path)
        {
            OnStep = p => { if (p.Step == 5) atFirstEval = Trainable(model); },
        };
        var result = trainer.Train();

        Assert.True(result.StoppedEarly);
        Assert.Equal(15, result.Steps);          // evaluations at 5 (best), 10 and 15 (patience 2 used up)
        Assert.Equal(5, result.BestStep);
        foreach (var (name, value) in Trainable(model))
            Assert.True(value.eq(atFirstEval![name]).all().item<bool>(), $"{name} is not the best step's weight");
        var evalLines = File.ReadAllLines(trainer.MetricsPath).Count(l => l.Contains("eval_loss", StringComparison.Ordinal));
        Assert.Equal(3, evalLines);
    }

    [Fact]
    public void Bf16TrainingKeepsFp32MastersAndLearns()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(Config, seed: 2);
        model.to(ScalarType.BFloat16);
        var trainer = new SftTrainer(model, TrainerFixtures.Args with { MaxSteps = 40 }, TrainerFixtures.Batches(TrainerFixtures.MemorisationSet(), 4), null, dir.Path);
        double before = FinalLoss(model, trainer);
        trainer.Train();
        double after = FinalLoss(model, trainer);
        Assert.True(after < before / 2, $"bf16 loss {before:F3} -> {after:F3}");
        Assert.Equal(ScalarType.BFloat16, model.DType);
        var optimizerState = SafeTensorsReader.ReadHeader(Path.Combine(dir.Path, "checkpoints", "checkpoint-000040", TrainingCheckpoints.OptimizerFile));
        Assert.Equal(ScalarType.Float32, optimizerState["master.model.embed_tokens.weight"].DType);
    }

    [Fact]
    public void NothingTrainableIsAClearError()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(Config);
        foreach (var p in model.parameters()) p.requires_grad = false;
        var e = Assert.Throws<TrainingException>(() =>
            new SftTrainer(model, TrainerFixtures.Args with { MaxSteps = 1 }, TrainerFixtures.Batches(TrainerFixtures.MemorisationSet(), 4), null, dir.Path).Train());
        Assert.Contains("nothing to train", e.Message);
    }
}
