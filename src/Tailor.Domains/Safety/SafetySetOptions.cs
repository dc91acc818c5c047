namespace Tailor.Domains.Safety;

/// <summary>How many safety-set rows to write, and the seed that fixes them.</summary>
/// <param name="Seed">Same seed, same rows, byte for byte.</param>
public sealed record SafetySetOptions(int Seed)
{
    /// <summary>Must-block rows per category of <see cref="Data.SafetyCategories.All"/>.</summary>
    /// <remarks>150 covers every (family, variant) pair of a category (9 families x 6 variants) about three times.</remarks>
    public int UnsafePerCategory { get; init; } = 150;

    /// <summary>Benign near-miss rows in all.</summary>
    /// <remarks>800 gives each of the 34 themes every variant about four times: as many near-misses as two-thirds of the unsafe rows, so the guard does not learn "sounds edgy means refuse".</remarks>
    public int NearMisses { get; init; } = 800;
}
