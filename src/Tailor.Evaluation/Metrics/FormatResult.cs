using Tailor.Domains.Names;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// Whether raw model text had the exact expected format (<see cref="FormatCompliance"/>), what was wrong when not, and
/// the domain-like tokens found in it either way (in order, repeats kept).
/// </summary>
public sealed record FormatResult(bool Compliant, string? Problem, IReadOnlyList<string> Extracted)
{
    /// <summary>The share of <see cref="Extracted"/> tokens that are valid registrable domains; 0 when none were found.</summary>
    public double ValidShare => Extracted.Count == 0 ? 0 : (double)Extracted.Count(d => DomainValidity.Check(d).Valid) / Extracted.Count;
}
