using System.Diagnostics;
using Tailor.Engine.Checkpoints;
using Tailor.Engine.Models;
using Tailor.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>
/// The training loop shared by full fine-tuning, LoRA, QLoRA, pretraining and classifier fine-tuning: whatever
/// parameters of the model require gradients are trained (the method decided that before), on batches whose
/// labels say which targets carry loss, for the loss its <see cref="ITrainingObjective"/> defines (causal-LM,
/// masked-LM or sequence classification).
///
/// Determinism and resuming rest on one rule: optimizer step <c>s</c> consumes micro-batches
/// <c>s·accum … s·accum + accum − 1</c> of the endless sequence epoch 0, epoch 1, … (each epoch shuffled
/// by its own seed), and re-seeds torch's generator (dropout) with <c>(seed, s)</c>. The data position and
/// the random streams are thus functions of the step, and a run resumed from a checkpoint at step
/// <c>s</c> performs exactly the same arithmetic as one that never stopped.
/// </summary>
public sealed class SftTrainer(
    nn.Module model, ITrainingObjective objective, TrainingArguments args, Batcher train, Batcher? eval, string runDir)
{
    /// <summary>Causal-LM training of a Llama-family model (SFT, LoRA, pretraining).</summary>
    public SftTrainer(LlamaForCausalLM model, TrainingArguments args, Batcher train, Batcher? eval, string runDir)
        : this(model, new CausalLmObjective(model), args, train, eval, runDir)
    {
    }

    readonly Device device = model.parameters().First().device;

    /// <summary>Called after every optimizer step (progress bars).</summary>
    public Action<TrainerProgress>? OnStep { get; init; }

    /// <summary>Called with each logging or evaluation record (console output).</summary>
    public Action<long, IReadOnlyDictionary<string, double>>? OnLog { get; init; }

    public string BestParametersPath => Path.Combine(runDir, "best", TrainingCheckpoints.ParametersFile);
    public string MetricsPath => Path.Combine(runDir, "metrics.jsonl");

    public long TotalSteps => args.MaxSteps > 0
        ? args.MaxSteps
        : (long)Math.Ceiling((double)train.BatchesPerEpoch * args.NumTrainEpochs / args.GradientAccumulationSteps);

    public TrainResult Train(bool resume = false, CancellationToken cancel = default)
    {
        args.Validate();
        if (train.BatchesPerEpoch == 0) throw new TrainingException("the training set has no batches");
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (trainable.Count == 0) throw new TrainingException("nothing to train: no parameter of the model requires gradients");
        Directory.CreateDirectory(runDir);

        long totalSteps = TotalSteps;
        long warmup = args.WarmupSteps > 0 ? args.WarmupSteps : LearningRateSchedule.WarmupFromRatio(args.WarmupRatio, totalSteps);
        var schedule = new LearningRateSchedule(args.LrSchedulerType, args.LearningRate, warmup, totalSteps).Validate();
        using var optimizer = new AdamW(trainable, args.AdamBeta1, args.AdamBeta2, args.AdamEpsilon, args.WeightDecay);
        var checkpoints = new TrainingCheckpoints(runDir, args.SaveTotalLimit);
        var metrics = new MetricsLog(MetricsPath);

        var state = new TrainerState { MaxSteps = totalSteps, Seed = args.Seed };
        if (resume && checkpoints.Latest() is { } latest)
        {
            state = TrainingCheckpoints.Restore(latest, trainable, optimizer);
            if (state.Seed != args.Seed || state.MaxSteps != totalSteps)
                throw new TrainingException($"{latest}: written with seed {state.Seed} and {state.MaxSteps} steps, but the recipe now says seed {args.Seed} and {totalSteps} steps");
            metrics.TruncateAfter(state.GlobalStep);
        }
        else if (File.Exists(metrics.Path))
        {
            File.Delete(metrics.Path);
        }

        var clock = Stopwatch.StartNew();
        double secondsBefore = state.TrainSeconds;
        long tokensBefore = state.TokensSeen;
        var window = new LossWindow(state.WindowLossSum, state.WindowTokens, state.WindowCorrect);
        double? lastEval = null;
        bool stoppedEarly = false;
        int accum = args.GradientAccumulationSteps;

        for (long step = state.GlobalStep; step < totalSteps; step++)
        {
            cancel.ThrowIfCancellationRequested();
            model.train();
            torch.manual_seed(args.Seed * 1_000_003 + step);

            var batches = Enumerable.Range(0, accum).Select(k => objective.Prepare(MicroBatch(step * accum + k))).ToList();
            long labelTokens = Math.Max(1, batches.Sum(b => (long)b.LabelTokens));
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                var (lossSum, tokens, correct) = objective.Loss(batch);
                // Dividing by the step's label tokens (not the micro-batch's) makes accumulation equal one big batch.
                (lossSum / labelTokens).backward();
                window.Add(lossSum.item<float>(), tokens, correct);
                state = state with { TokensSeen = state.TokensSeen + batch.RealTokens };
                batch.Dispose();
            }

            double gradNorm = optimizer.ClipGradNorm(args.MaxGradNorm);
            double lr = schedule.At(step);
            optimizer.Update(lr);
            optimizer.ZeroGrad();

            long done = step + 1;
            double seconds = secondsBefore + clock.Elapsed.TotalSeconds;
            double tokensPerSecond = (state.TokensSeen - tokensBefore) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            state = state with { GlobalStep = done, Epoch = (int)(done * accum / train.BatchesPerEpoch), TrainSeconds = seconds };

            if (done % args.LoggingSteps == 0 || done == totalSteps)
            {
                Log(metrics, done, new Dictionary<string, double>
                {
                    ["loss"] = window.MeanLoss,
                    ["mean_token_accuracy"] = window.Accuracy,
                    ["learning_rate"] = lr,
                    ["grad_norm"] = gradNorm,
                    ["epoch"] = (double)done * accum / train.BatchesPerEpoch,
                    ["tokens_per_second"] = tokensPerSecond,
                });
                window.Reset();
            }
            state = state with { WindowLossSum = window.LossSum, WindowTokens = window.Tokens, WindowCorrect = window.Correct };

            bool evalNow = eval is not null && (args.EvalSteps > 0 && done % args.EvalSteps == 0 || done == totalSteps);
            if (evalNow)
            {
                var (evalLoss, evalAccuracy) = Evaluate(eval!);
                lastEval = evalLoss;
                Log(metrics, done, new Dictionary<string, double> { ["eval_loss"] = evalLoss, ["eval_mean_token_accuracy"] = evalAccuracy });
                double metric = args.MetricForBestModel == "eval_loss" ? evalLoss : evalAccuracy;
                if (Improves(metric, state.BestMetric))
                {
                    state = state with { BestMetric = metric, BestStep = done, EvaluationsWithoutImprovement = 0 };
                    SaveBest(trainable);
                }
                else
                {
                    state = state with { EvaluationsWithoutImprovement = state.EvaluationsWithoutImprovement + 1 };
                    stoppedEarly = args.EarlyStoppingPatience is { } patience && state.EvaluationsWithoutImprovement >= patience;
                }
            }

            OnStep?.Invoke(new TrainerProgress(done, totalSteps, window.LastMean ?? double.NaN, lr, tokensPerSecond, TimeSpan.FromSeconds(seconds), lastEval));
            if (args.SaveSteps > 0 && done % args.SaveSteps == 0 || done == totalSteps || stoppedEarly)
                checkpoints.Save(trainable, optimizer, state);
            if (stoppedEarly) break;
        }

        if (args.LoadBestModelAtEnd && state.BestStep is not null && File.Exists(BestParametersPath))
            LoadParameters(trainable, BestParametersPath);

        return new TrainResult(state.GlobalStep, totalSteps, window.LastMean, state.BestMetric, state.BestStep, stoppedEarly,
            state.TokensSeen, state.TrainSeconds, args.MetricForBestModel);
    }

    Batch MicroBatch(long globalIndex)
    {
        int epoch = (int)(globalIndex / train.BatchesPerEpoch);
        int index = (int)(globalIndex % train.BatchesPerEpoch);
        using var batch = train.GetBatch(epoch, index);
        return batch.To(device);
    }

    /// <summary>
    /// Loss and accuracy over every target of the evaluation set (tokens, or sequences for a classifier). Random
    /// choices (masked-LM masking) are re-seeded from the run's seed, so every evaluation sees the same targets.
    /// </summary>
    public (double Loss, double Accuracy) Evaluate(Batcher data)
    {
        model.eval();
        using var _ = no_grad();
        torch.manual_seed(args.Seed);
        double lossSum = 0;
        long tokens = 0, correct = 0;
        for (int i = 0; i < data.BatchesPerEpoch; i++)
        {
            using var scope = NewDisposeScope();
            using var raw = data.GetBatch(0, i);
            using var batch = objective.Prepare(raw.To(device));
            var (sum, n, c) = objective.Loss(batch);
            lossSum += sum.item<float>();
            tokens += n;
            correct += c;
        }
        return tokens == 0 ? (double.NaN, double.NaN) : (lossSum / tokens, (double)correct / tokens);
    }

    bool Improves(double metric, double? best)
    {
        if (double.IsNaN(metric)) return false;
        if (best is null) return true;
        return args.GreaterIsBetter
            ? metric > best.Value + args.EarlyStoppingThreshold
            : metric < best.Value - args.EarlyStoppingThreshold;
    }

    void SaveBest(List<(string Name, Parameter Parameter)> trainable)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(BestParametersPath)!);
        using var scope = NewDisposeScope();
        SafeTensorsWriter.Save(trainable.ToDictionary(p => p.Name, p => (Tensor)p.Parameter.detach()), BestParametersPath);
    }

    static void LoadParameters(List<(string Name, Parameter Parameter)> trainable, string path)
    {
        using var scope = NewDisposeScope();
        var saved = SafeTensorsReader.Load(path);
        using var _ = no_grad();
        foreach (var (name, p) in trainable) p.copy_(saved[name]);
    }

    void Log(MetricsLog metrics, long step, Dictionary<string, double> values)
    {
        metrics.Append(step, values);
        OnLog?.Invoke(step, values);
    }

    /// <summary>Token-weighted training loss and accuracy since the last log line.</summary>
    sealed class LossWindow(double lossSum, long tokens, long correct)
    {
        public double LossSum => lossSum;
        public long Tokens => tokens;
        public long Correct => correct;
        public double? LastMean { get; private set; }

        public void Add(double loss, long n, long c)
        {
            lossSum += loss;
            tokens += n;
            correct += c;
            LastMean = MeanLoss;
        }

        public double MeanLoss => tokens == 0 ? double.NaN : lossSum / tokens;
        public double Accuracy => tokens == 0 ? double.NaN : (double)correct / tokens;

        public void Reset()
        {
            lossSum = 0;
            tokens = 0;
            correct = 0;
        }
    }
}
