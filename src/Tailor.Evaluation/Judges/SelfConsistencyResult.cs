namespace Tailor.Evaluation.Judges;

/// <summary>
/// The same lists judged <see cref="Repeats"/> times, over the <see cref="Cases"/> judged every time: the mean over
/// cases of the (population) standard deviation of the overall score across repeats, the share of cases given the
/// same overall score every time, and Cohen's kappa (unweighted and quadratic) averaged over every pair of repeats.
/// A perfectly consistent judge has 0, 1, 1 and 1.
/// </summary>
public sealed record SelfConsistencyResult(
    int Repeats,
    int Cases,
    double MeanStdDev,
    double UnanimousShare,
    double MeanPairwiseKappa,
    double MeanPairwiseQuadraticKappa,
    JudgeUsage Usage);
