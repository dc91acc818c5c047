namespace Tailor.Domains.Availability;

/// <summary>One way to tell whether a domain name is taken (DNS, RDAP, or a combination of them).</summary>
public interface IAvailabilityChecker
{
    /// <summary>
    /// Checks one normalised name (see <see cref="DomainNames.Normalize"/>). Failures of the network or the servers
    /// come back as <see cref="AvailabilityStatus.Unknown"/> with the reason; only cancellation by
    /// <paramref name="cancellationToken"/> throws.
    /// </summary>
    Task<AvailabilityResult> CheckAsync(string domain, CancellationToken cancellationToken);
}
