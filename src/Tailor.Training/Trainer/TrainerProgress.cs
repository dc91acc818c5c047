namespace Tailor.Training.Trainer;

/// <summary>What a progress display shows after each optimizer step.</summary>
public sealed record TrainerProgress(
    long Step, long TotalSteps, double Loss, double LearningRate, double TokensPerSecond, TimeSpan Elapsed, double? EvalLoss);

/// <summary>How a run ended.</summary>
public sealed record TrainResult(
    long Steps, long TotalSteps, double? FinalTrainLoss, double? BestMetric, long? BestStep, bool StoppedEarly,
    long TokensSeen, double TrainSeconds, string MetricName)
{
    public double TokensPerSecond => TrainSeconds > 0 ? TokensSeen / TrainSeconds : 0;
}
