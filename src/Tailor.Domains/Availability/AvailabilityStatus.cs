namespace Tailor.Domains.Availability;

/// <summary>What an availability check found out about a domain name.</summary>
public enum AvailabilityStatus
{
    /// <summary>No trustworthy answer: a timeout, a server failure, a refused query, or a check that was not run.</summary>
    Unknown = 0,

    /// <summary>The name is taken: it has DNS records, or its registry's RDAP server knows it.</summary>
    Registered,

    /// <summary>
    /// The name looks free: its registry's RDAP server does not know it, or its parent zone denies it exists
    /// (NXDOMAIN). DNS alone cannot see names that are registered but not delegated, so a DNS-only "available" is a
    /// strong hint, not a promise; only a registrar can confirm.
    /// </summary>
    Available,
}
