namespace Tailor.Domains.Availability;

/// <summary>The outcome of checking one domain name.</summary>
/// <param name="Domain">The name checked, normalised (lower-case ASCII, no trailing dot).</param>
/// <param name="Status">Registered, available, or unknown.</param>
/// <param name="Evidence">
/// Why, in a few words a person can check: "NS records", "NXDOMAIN from the com zone", "RDAP 404", "timeout".
/// </param>
/// <param name="Elapsed">How long this check took (near zero for a cache hit).</param>
public sealed record AvailabilityResult(string Domain, AvailabilityStatus Status, string Evidence, TimeSpan Elapsed)
{
    /// <summary>An unknown result with the reason why.</summary>
    public static AvailabilityResult Unknown(string domain, string evidence, TimeSpan elapsed) =>
        new(domain, AvailabilityStatus.Unknown, evidence, elapsed);
}
