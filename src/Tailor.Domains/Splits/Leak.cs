namespace Tailor.Domains.Splits;

/// <summary>Two rows on different sides of a split that belong together, and why (<see cref="LeakKind"/>).</summary>
public sealed record Leak(string FirstId, string FirstSplit, string SecondId, string SecondSplit, LeakKind Kind, double Similarity)
{
    public override string ToString() =>
        FormattableString.Invariant($"{Kind}: {FirstId} ({FirstSplit}) and {SecondId} ({SecondSplit}), similarity {Similarity:0.000}");
}
