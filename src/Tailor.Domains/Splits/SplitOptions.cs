namespace Tailor.Domains.Splits;

/// <summary>
/// How <see cref="GroupSplitter"/> divides a dataset: the seed of the assignment, the share of validation and test
/// (train gets the rest) and the Jaccard similarity from which two descriptions count as near duplicates.
/// </summary>
public sealed record SplitOptions(int Seed)
{
    public double Validation { get; init; } = 0.1;

    public double Test { get; init; } = 0.1;

    public double NearDuplicateThreshold { get; init; } = NearDuplicateIndex.DefaultThreshold;

    /// <summary>
    /// Optional strata: a component whose key (its smallest group) maps to a stratum is dealt out within that stratum,
    /// so that every stratum of three or more components sends at least one whole component to test and one to
    /// validation. The safety set uses it to hold out whole template families of every category.
    /// </summary>
    public Func<string, string?>? Stratum { get; init; }

    /// <summary>Throws when the shares are not a sound partition or the threshold is out of range.</summary>
    public void Check()
    {
        if (Validation is < 0 or >= 1 || Test is < 0 or >= 1 || Validation + Test >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Validation), $"Validation ({Validation}) and test ({Test}) shares must be in [0, 1) and leave room for train.");
        }
        if (NearDuplicateThreshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NearDuplicateThreshold), NearDuplicateThreshold, "The near-duplicate threshold must be in (0, 1].");
        }
    }
}
