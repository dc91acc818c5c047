using System.Diagnostics;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Tailor.Domains.Availability;

/// <summary>
/// Tells whether a name is taken from DNS, through one recursive resolver: an NS query, then a SOA query.
/// <list type="bullet">
/// <item>Any answer (NS records, a SOA, or any record for the name) or an empty NOERROR answer (the name exists but
/// has no such records) means <see cref="AvailabilityStatus.Registered"/>.</item>
/// <item>NXDOMAIN means "likely available", and counts as <see cref="AvailabilityStatus.Available"/> only when the
/// parent zone ("com", "co.uk") vouches for it: the denial carries that zone's SOA, or the zone itself answers a SOA
/// query. A denial from above the parent (the TLD does not exist) or from nowhere in particular stays Unknown.</item>
/// <item>SERVFAIL, REFUSED, timeouts and network errors are <see cref="AvailabilityStatus.Unknown"/>.</item>
/// </list>
/// DNS cannot see names that are registered but not delegated (no NS at the registry); RDAP can, which is why
/// <see cref="AvailabilityService"/> asks RDAP as well where the TLD has it.
/// </summary>
public sealed class DnsAvailabilityChecker : IAvailabilityChecker
{
    private readonly LookupClient _client;

    /// <summary>A checker asking <see cref="DnsCheckOptions.Resolver"/>, or the system's resolver.</summary>
    /// <exception cref="InvalidOperationException">No resolver is given and /etc/resolv.conf names none.</exception>
    public DnsAvailabilityChecker(DnsCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Retries);
        Resolver = options.Resolver ?? DefaultResolver();
        _client = new LookupClient(new LookupClientOptions(new NameServer(Resolver))
        {
            // Every answer must come from the resolver now: a cached NXDOMAIN would outlive a registration.
            UseCache = false,
            Timeout = options.Timeout,
            Retries = options.Retries,
            ThrowDnsErrors = false,
            // One resolver, one answer: an NXDOMAIN or an empty answer is the result, not a reason to ask elsewhere.
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseTcpFallback = true,
            Recursion = true,
        });
    }

    /// <summary>The resolver this checker asks.</summary>
    public IPEndPoint Resolver { get; }

    /// <inheritdoc/>
    public async Task<AvailabilityResult> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var clock = Stopwatch.StartNew();
        var (status, evidence) = await ClassifyAsync(domain, cancellationToken).ConfigureAwait(false);
        return new AvailabilityResult(domain, status, evidence, clock.Elapsed);
    }

    private async Task<(AvailabilityStatus Status, string Evidence)> ClassifyAsync(string domain, CancellationToken cancellationToken)
    {
        var ns = await QueryAsync(domain, QueryType.NS, cancellationToken).ConfigureAwait(false);
        if (ns.Failure is not null)
        {
            return (AvailabilityStatus.Unknown, ns.Failure);
        }
        var response = ns.Response!;
        var code = response.Header.ResponseCode;
        if (code == DnsHeaderResponseCode.NoError)
        {
            if (response.Answers.NsRecords().Any())
            {
                return (AvailabilityStatus.Registered, "NS records");
            }
            if (response.Answers.Count > 0)
            {
                return (AvailabilityStatus.Registered, "DNS answer (" + response.Answers[0].RecordType + ")");
            }
            return await ClassifyBySoaAsync(domain, cancellationToken).ConfigureAwait(false);
        }
        if (code == DnsHeaderResponseCode.NotExistentDomain)
        {
            return await ClassifyDenialAsync(domain, response, cancellationToken).ConfigureAwait(false);
        }
        return (AvailabilityStatus.Unknown, RcodeName(code));
    }

    /// <summary>The name exists (NOERROR to NS) without NS records: a SOA says it is a zone of its own.</summary>
    private async Task<(AvailabilityStatus Status, string Evidence)> ClassifyBySoaAsync(string domain, CancellationToken cancellationToken)
    {
        var soa = await QueryAsync(domain, QueryType.SOA, cancellationToken).ConfigureAwait(false);
        if (soa.Response is { } response && response.Header.ResponseCode == DnsHeaderResponseCode.NoError
            && response.Answers.SoaRecords().Any(r => IsName(r.DomainName, domain)))
        {
            return (AvailabilityStatus.Registered, "SOA record");
        }
        // NOERROR to the NS query already showed the name exists (it has some record, or names below it).
        return (AvailabilityStatus.Registered, "name exists (NOERROR, no NS)");
    }

    /// <summary>NXDOMAIN: available when the parent zone is the one denying, else unknown.</summary>
    private async Task<(AvailabilityStatus Status, string Evidence)> ClassifyDenialAsync(string domain, IDnsQueryResponse denial, CancellationToken cancellationToken)
    {
        var parent = DomainNames.ParentZone(domain);
        if (parent is null)
        {
            return (AvailabilityStatus.Unknown, "NXDOMAIN for a top-level name");
        }
        if (denial.Authorities.SoaRecords().Any(r => IsName(r.DomainName, parent)))
        {
            return (AvailabilityStatus.Available, $"NXDOMAIN from the {parent} zone");
        }
        var soa = await QueryAsync(parent, QueryType.SOA, cancellationToken).ConfigureAwait(false);
        if (soa.Failure is not null)
        {
            return (AvailabilityStatus.Unknown, $"NXDOMAIN, but the {parent} zone did not answer ({soa.Failure})");
        }
        var response = soa.Response!;
        if (response.Header.ResponseCode == DnsHeaderResponseCode.NoError && response.Answers.SoaRecords().Any(r => IsName(r.DomainName, parent)))
        {
            return (AvailabilityStatus.Available, $"NXDOMAIN, {parent} zone answers (SOA)");
        }
        return (AvailabilityStatus.Unknown, $"NXDOMAIN, but no {parent} zone ({RcodeName(response.Header.ResponseCode)})");
    }

    private async Task<(IDnsQueryResponse? Response, string? Failure)> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            return (response, null);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is DnsResponseException or System.Net.Sockets.SocketException)
        {
            // DnsClient reports a cancelled query as a timeout; the caller asked to stop, so that is what it gets.
            throw new OperationCanceledException("The DNS query was cancelled.", e, cancellationToken);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            return (null, "timeout");
        }
        catch (DnsResponseException e)
        {
            return (null, "DNS error: " + e.Code);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // DnsClient reports its own per-query timeout this way on some paths.
            return (null, "timeout");
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return (null, "network error: " + e.SocketErrorCode);
        }
    }

    private static bool IsName(DnsString owner, string name) =>
        string.Equals(owner.Value.TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase);

    private static string RcodeName(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.Refused => "REFUSED",
        DnsHeaderResponseCode.NotExistentDomain => "NXDOMAIN",
        DnsHeaderResponseCode.NoError => "NOERROR",
        _ => "DNS " + code,
    };

    private static IPEndPoint DefaultResolver()
    {
        var servers = ResolvConf.Read();
        return servers.Count > 0 ? servers[0] : throw new InvalidOperationException($"No resolver given and {ResolvConf.DefaultPath} names no nameserver; pass one as IP[:port].");
    }
}
