using System.Diagnostics;
using Tailor.Domains.Names;

namespace Tailor.Domains.Availability;

/// <summary>
/// Checks batches of names for the suggester (<c>--check-availability</c>). For each name, DNS first, as the cheap
/// signal: NS/SOA records settle "registered" at once. Otherwise, where the TLD has an RDAP server, the registry is
/// asked, and its 200/404 wins over DNS (it sees names registered but not delegated, which DNS reports as NXDOMAIN);
/// where it has none, or RDAP fails, the DNS verdict stands and the evidence says RDAP's failure too. Definite results
/// are cached for <see cref="AvailabilityOptions.CacheTtl"/>; at most <see cref="AvailabilityOptions.MaxConcurrency"/>
/// names are checked at once; whatever is not done by <see cref="AvailabilityOptions.BatchDeadline"/> comes back
/// <see cref="AvailabilityStatus.Unknown"/>, so a batch never waits on a dead server for longer than that.
/// </summary>
public sealed class AvailabilityService : IDisposable
{
    private readonly IAvailabilityChecker? _dns;
    private readonly RdapAvailabilityChecker? _rdap;
    private readonly AvailabilityOptions _options;
    private readonly AvailabilityCache _cache;
    private readonly SemaphoreSlim _slots;

    /// <summary>A service using DNS, RDAP, or both (at least one).</summary>
    public AvailabilityService(IAvailabilityChecker? dns, RdapAvailabilityChecker? rdap, AvailabilityOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (dns is null && rdap is null)
        {
            throw new ArgumentException("Availability needs a DNS or an RDAP checker.", nameof(dns));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.BatchDeadline, TimeSpan.Zero);
        _dns = dns;
        _rdap = rdap;
        _options = options;
        _cache = new AvailabilityCache(options.CacheTtl, options.CacheMaxEntries, time ?? TimeProvider.System);
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    /// <summary>How many results the cache holds now.</summary>
    public int CachedCount => _cache.Count;

    /// <summary>
    /// One result per input name, in input order, each for the name as normalised (<see cref="DomainNames.Normalize"/>);
    /// an invalid name is Unknown ("invalid name: ..."), a repeated one is checked once. Network trouble and the batch
    /// deadline give Unknown results; only <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<IReadOnlyList<AvailabilityResult>> CheckAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.BatchDeadline);
        var checks = new Dictionary<string, Task<AvailabilityResult>>(StringComparer.Ordinal);
        var pending = new List<Task<AvailabilityResult>>(domains.Count);
        foreach (var domain in domains)
        {
            var name = DomainNames.Normalize(domain);
            if (name is null)
            {
                var problem = DomainSyntax.Problem(domain?.Trim().TrimEnd('.').ToLowerInvariant()) ?? "not a domain name";
                pending.Add(Task.FromResult(AvailabilityResult.Unknown(domain ?? "", "invalid name: " + problem, TimeSpan.Zero)));
                continue;
            }
            if (!checks.TryGetValue(name, out var check))
            {
                check = CheckOneAsync(name, deadline.Token, cancellationToken);
                checks[name] = check;
            }
            pending.Add(check);
        }
        var results = await Task.WhenAll(pending).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    /// <inheritdoc/>
    public void Dispose() => _slots.Dispose();

    private async Task<AvailabilityResult> CheckOneAsync(string domain, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (_cache.TryGet(domain, out var cached))
        {
            return cached with { Evidence = cached.Evidence + " (cached)", Elapsed = clock.Elapsed };
        }
        try
        {
            await _slots.WaitAsync(deadline).ConfigureAwait(false);
            try
            {
                var result = await CombineAsync(domain, deadline).ConfigureAwait(false) with { Elapsed = clock.Elapsed };
                _cache.Add(result);
                return result;
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AvailabilityResult.Unknown(domain, "batch deadline", clock.Elapsed);
        }
    }

    private async Task<AvailabilityResult> CombineAsync(string domain, CancellationToken cancellationToken)
    {
        AvailabilityResult? dns = null;
        if (_dns is not null)
        {
            dns = await _dns.CheckAsync(domain, cancellationToken).ConfigureAwait(false);
            if (dns.Status == AvailabilityStatus.Registered)
            {
                return dns;
            }
        }
        if (_rdap is null || !_rdap.Covers(domain))
        {
            return dns ?? AvailabilityResult.Unknown(domain, "no RDAP server for ." + DomainNames.TopLevel(domain), TimeSpan.Zero);
        }
        var rdap = await _rdap.CheckAsync(domain, cancellationToken).ConfigureAwait(false);
        if (dns is null)
        {
            return rdap;
        }
        return rdap.Status != AvailabilityStatus.Unknown
            ? rdap with { Evidence = $"{rdap.Evidence}; DNS: {dns.Evidence}" }
            : dns with { Evidence = $"{dns.Evidence}; {rdap.Evidence}" };
    }
}
