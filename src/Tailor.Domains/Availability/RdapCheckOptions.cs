namespace Tailor.Domains.Availability;

/// <summary>How <see cref="RdapAvailabilityChecker"/> asks: which servers, and how long to wait.</summary>
public sealed record RdapCheckOptions
{
    /// <summary>TLD to RDAP server map; the shipped curated copy of IANA's by default.</summary>
    public RdapBootstrap Bootstrap { get; init; } = RdapBootstrap.Bundled;

    /// <summary>One server for every TLD instead of the bootstrap's (a local fake in tests, or a proxy like rdap.org).</summary>
    public Uri? BaseUrlOverride { get; init; }

    /// <summary>How long one RDAP request may take in all.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
