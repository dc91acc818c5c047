namespace Tailor.Evaluation.Judges;

/// <summary>How Cohen's kappa counts a disagreement between two scores.</summary>
public enum KappaWeights
{
    /// <summary>Every disagreement counts in full (Cohen's original kappa).</summary>
    Unweighted,

    /// <summary>A disagreement counts by its squared distance on the scale (4 vs 5 costs far less than 1 vs 5).</summary>
    Quadratic,
}
