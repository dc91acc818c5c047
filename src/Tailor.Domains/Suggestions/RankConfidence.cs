namespace Tailor.Domains.Suggestions;

/// <summary>
/// The confidence a suggester without scores of its own gives the name at a rank: (count - rank) / (count + 1), so
/// with 10 names the first gets 10/11 ≈ 0.91 and the last 1/11 ≈ 0.09: strictly decreasing, inside (0, 1).
/// </summary>
public static class RankConfidence
{
    /// <param name="rank">0-based rank.</param>
    /// <param name="count">How many names are ranked.</param>
    public static double At(int rank, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, count);
        return (count - rank) / (count + 1.0);
    }

    /// <summary>The names in order, each with <see cref="At"/> its rank.</summary>
    public static IReadOnlyList<DomainSuggestion> Rank(IReadOnlyList<string> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        return domains.Select((domain, rank) => new DomainSuggestion(domain, At(rank, domains.Count))).ToList();
    }
}
