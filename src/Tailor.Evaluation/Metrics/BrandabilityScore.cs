namespace Tailor.Evaluation.Metrics;

/// <summary>
/// A name's brandability in [0, 1] (see <see cref="Brandability"/> for the formula) and its parts, each in [0, 1].
/// </summary>
public sealed record BrandabilityScore(
    double Score,
    int LabelLength,
    double LengthFit,
    double Cleanliness,
    double Pronounceability,
    double DictionaryShare,
    double TopLevelFit);
