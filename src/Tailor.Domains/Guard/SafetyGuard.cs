namespace Tailor.Domains.Guard;

/// <summary>
/// Decides whether a description is refused before any name is generated: blocked when the
/// <see cref="SafetyGuardModel"/> scores it at or above its threshold (category: the likeliest unsafe class) or when a
/// <see cref="SevereTermBackstop"/> term occurs (category: the term's). Both read the normalized text, so l33t,
/// spacing and look-alike letters do not get through.
/// </summary>
public sealed class SafetyGuard(SafetyGuardModel model)
{
    /// <summary>Where the shipped model lives, relative to the repository root.</summary>
    public static readonly string ShippedModelPath = Path.Combine("models", "guard", "guard.json");

    public SafetyGuardModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The guard of the model file at <paramref name="path"/>.</summary>
    public static SafetyGuard Load(string path) => new(SafetyGuardModel.Load(path));

    public GuardVerdict Check(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var (score, category) = Model.Score(description);
        var severe = SevereTermBackstop.Find(description);
        if (severe is not null)
        {
            return GuardVerdict.Block(severe, score);
        }
        return score >= Model.Threshold ? GuardVerdict.Block(category, score) : GuardVerdict.Pass(score);
    }
}
