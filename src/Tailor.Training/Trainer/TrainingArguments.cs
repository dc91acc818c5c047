namespace Tailor.Training.Trainer;

/// <summary>
/// Hyper-parameters of one training run, named and defaulted like HF's <c>TrainingArguments</c> so a
/// recipe reads the same as a TRL script.
/// </summary>
public sealed record TrainingArguments
{
    public long Seed { get; init; } = 42;
    public int NumTrainEpochs { get; init; } = 1;
    /// <summary>When positive, overrides the epochs.</summary>
    public long MaxSteps { get; init; } = -1;
    public int PerDeviceTrainBatchSize { get; init; } = 8;
    public int PerDeviceEvalBatchSize { get; init; } = 8;
    public int GradientAccumulationSteps { get; init; } = 1;
    public double LearningRate { get; init; } = 2e-4;
    public double WeightDecay { get; init; }
    public double AdamBeta1 { get; init; } = 0.9;
    public double AdamBeta2 { get; init; } = 0.999;
    public double AdamEpsilon { get; init; } = 1e-8;
    public string LrSchedulerType { get; init; } = "linear";
    public double WarmupRatio { get; init; }
    /// <summary>When positive, overrides the ratio.</summary>
    public long WarmupSteps { get; init; }
    /// <summary>Global gradient-norm clip (0: off).</summary>
    public double MaxGradNorm { get; init; } = 1.0;
    public int LoggingSteps { get; init; } = 10;
    /// <summary>Evaluate every N optimizer steps (0: only at the end).</summary>
    public int EvalSteps { get; init; } = 50;
    /// <summary>Checkpoint every N optimizer steps (0: never; a final state is always written).</summary>
    public int SaveSteps { get; init; } = 100;
    /// <summary>How many step checkpoints to keep (older ones are deleted).</summary>
    public int SaveTotalLimit { get; init; } = 2;
    /// <summary>Stop after this many evaluations without improvement (null: no early stopping).</summary>
    public int? EarlyStoppingPatience { get; init; }
    /// <summary>An evaluation must beat the best by more than this to count as an improvement.</summary>
    public double EarlyStoppingThreshold { get; init; }
    /// <summary><c>eval_loss</c> or <c>eval_mean_token_accuracy</c>.</summary>
    public string MetricForBestModel { get; init; } = "eval_loss";
    public bool GreaterIsBetter { get; init; }
    public bool LoadBestModelAtEnd { get; init; } = true;
    /// <summary>float32, or bfloat16 (bf16 forward/backward with fp32 master weights for what is trained).</summary>
    public string ComputeDtype { get; init; } = "float32";

    public static readonly IReadOnlyList<string> Metrics = ["eval_loss", "eval_mean_token_accuracy"];

    public TrainingArguments Validate()
    {
        void Positive(string field, double value)
        {
            if (value <= 0 || double.IsNaN(value)) throw new TrainingException($"'{field}' must be positive, got {value}");
        }
        if (MaxSteps <= 0) Positive("num_train_epochs", NumTrainEpochs);
        Positive("per_device_train_batch_size", PerDeviceTrainBatchSize);
        Positive("per_device_eval_batch_size", PerDeviceEvalBatchSize);
        Positive("gradient_accumulation_steps", GradientAccumulationSteps);
        Positive("learning_rate", LearningRate);
        Positive("logging_steps", LoggingSteps);
        if (WeightDecay < 0) throw new TrainingException($"'weight_decay' must be >= 0, got {WeightDecay}");
        if (WarmupRatio is < 0 or >= 1) throw new TrainingException($"'warmup_ratio' must be in [0, 1), got {WarmupRatio}");
        if (MaxGradNorm < 0) throw new TrainingException($"'max_grad_norm' must be >= 0, got {MaxGradNorm}");
        if (EvalSteps < 0 || SaveSteps < 0) throw new TrainingException("'eval_steps' and 'save_steps' must be >= 0");
        if (SaveTotalLimit < 1) throw new TrainingException($"'save_total_limit' must be at least 1, got {SaveTotalLimit}");
        if (EarlyStoppingPatience is < 1) throw new TrainingException($"'early_stopping_patience' must be at least 1, got {EarlyStoppingPatience}");
        if (!Metrics.Contains(MetricForBestModel))
            throw new TrainingException($"'metric_for_best_model' = '{MetricForBestModel}' is not one of {string.Join(", ", Metrics)}");
        if (ComputeDtype is not ("float32" or "bfloat16"))
            throw new TrainingException($"'compute_dtype' = '{ComputeDtype}' is not supported (float32, bfloat16)");
        _ = new LearningRateSchedule(LrSchedulerType, LearningRate, 0, 1).Validate();
        return this;
    }
}
