namespace Tailor.Domains.Synthesis;

/// <summary>The style of names asked for: brandable coinages, plain keyword compounds, or the shortest possible (<see cref="Shortest"/>).</summary>
public enum NamingStyle
{
    Brandable,
    Keyword,
    Shortest,
}

/// <summary>
/// What <see cref="ReferenceNamer"/> needs to name one business: its content keywords (most important first), the
/// TLDs that fit it (best first), the company's own name when the description gives it, and the style asked for.
/// </summary>
public sealed record NamingRequest(
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Tlds,
    string? CompanyName = null,
    NamingStyle Style = NamingStyle.Brandable,
    int Count = 10);
