namespace Tailor.Training.Trainer;

/// <summary>
/// Learning rate as a pure function of the step, as HF's schedulers define it: a linear warm-up from 0,
/// then constant, linear decay to 0, or cosine decay to 0. Being a function of the step, a resumed run
/// needs no scheduler state.
/// </summary>
public sealed record LearningRateSchedule(string Kind, double PeakLearningRate, long WarmupSteps, long TotalSteps)
{
    public static readonly IReadOnlyList<string> Kinds = ["constant", "linear", "cosine"];

    public LearningRateSchedule Validate()
    {
        if (!Kinds.Contains(Kind)) throw new TrainingException($"lr_scheduler '{Kind}' is not supported ({string.Join(", ", Kinds)})");
        if (PeakLearningRate <= 0) throw new TrainingException($"learning_rate must be positive, got {PeakLearningRate}");
        if (WarmupSteps < 0 || TotalSteps < 1) throw new TrainingException($"warm-up ({WarmupSteps}) and total ({TotalSteps}) steps must be >= 0 and >= 1");
        return this;
    }

    /// <summary>Warm-up steps from a ratio of the total, rounded up as HF's <c>get_warmup_steps</c> does.</summary>
    public static long WarmupFromRatio(double ratio, long totalSteps) => (long)Math.Ceiling(ratio * totalSteps);

    /// <summary>The rate for the update at <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (step < WarmupSteps) return PeakLearningRate * step / Math.Max(1, WarmupSteps);
        double progress = (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps);
        progress = Math.Clamp(progress, 0, 1);
        return Kind switch
        {
            "linear" => PeakLearningRate * (1 - progress),
            "cosine" => PeakLearningRate * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => PeakLearningRate,
        };
    }
}
