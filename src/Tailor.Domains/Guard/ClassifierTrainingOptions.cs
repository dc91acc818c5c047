namespace Tailor.Domains.Guard;

/// <summary>
/// How <see cref="SafetyClassifier.Train"/> fits its weights: stochastic gradient descent over shuffled examples with
/// L2 decay and the rate falling as rate / (1 + rate x L2 x step).
/// </summary>
public sealed record ClassifierTrainingOptions
{
    public FeatureHashing Hashing { get; init; } = new();

    public int Epochs { get; init; } = 20;

    public float LearningRate { get; init; } = 0.2f;

    /// <summary>L2 penalty on the weights (not the biases); it keeps rare n-grams from deciding alone.</summary>
    public float L2 { get; init; } = 1e-5f;

    /// <summary>
    /// How far each example's weight is multiplied by its class's balancing weight, (N / (classes x class size))^power:
    /// 1 makes every class count as much as any other however rare, 0 leaves the examples' own weights, 0.5 is between.
    /// </summary>
    public float BalancePower { get; init; } = 0.5f;
}
