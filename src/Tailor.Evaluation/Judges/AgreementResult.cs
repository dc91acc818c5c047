namespace Tailor.Evaluation.Judges;

/// <summary>
/// How well two raters (two judges, or a judge and people) agree on the overall scores of the <see cref="Cases"/>
/// they both scored. A statistic is NaN where it is undefined (fewer than two cases, or a constant rater for Spearman).
/// </summary>
public sealed record AgreementResult(
    string RaterA,
    string RaterB,
    int Cases,
    double Spearman,
    double Kappa,
    double QuadraticKappa,
    double ExactAgreement,
    double MeanAbsoluteDifference);
