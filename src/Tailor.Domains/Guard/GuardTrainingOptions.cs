namespace Tailor.Domains.Guard;

/// <summary>How <see cref="SafetyGuardTrainer"/> trains the guard and picks its threshold.</summary>
public sealed record GuardTrainingOptions
{
    public ClassifierTrainingOptions Classifier { get; init; } = new();

    /// <summary>
    /// Extra weight of a benign near-miss row over an ordinary safe row: near-misses are the hard negatives ("suicide
    /// prevention hotline") and would otherwise be drowned by thousands of bakeries.
    /// </summary>
    public float NearMissWeight { get; init; } = 60f;

    /// <summary>The most false blocks on validation near-misses the threshold may allow.</summary>
    public double MaxNearMissFalseBlockRate { get; init; } = 0.02;
}
