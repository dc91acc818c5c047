namespace Tailor.Evaluation.Judges;

/// <summary>
/// The same lists judged in the suggester's order and in a shuffled order, over the <see cref="Cases"/> judged both
/// times: the mean absolute and mean signed (shuffled minus original) difference of the overall score, the share of
/// cases whose overall score changed, and the Spearman correlation of the two sets of scores. A judge free of position
/// bias has differences near 0 and a Spearman near 1.
/// </summary>
public sealed record PositionBiasResult(
    int Cases,
    double MeanAbsoluteDifference,
    double MeanSignedDifference,
    double ChangedShare,
    double Spearman,
    JudgeUsage Usage);
