namespace Tailor.Domains.Availability;

/// <summary>How <see cref="AvailabilityService"/> runs a batch: caching, parallelism and the batch deadline.</summary>
public sealed record AvailabilityOptions
{
    /// <summary>How long a registered/available result is reused. Registrations change slowly; an hour is safe for suggestions.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most results kept in the cache (the one expiring first goes).</summary>
    public int CacheMaxEntries { get; init; } = 10_000;

    /// <summary>The most names checked at once (each check is one to three DNS queries and maybe one RDAP request).</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>
    /// The longest a whole batch may take; names not done by then come back
    /// <see cref="AvailabilityStatus.Unknown"/> ("batch deadline").
    /// </summary>
    public TimeSpan BatchDeadline { get; init; } = TimeSpan.FromSeconds(10);
}
