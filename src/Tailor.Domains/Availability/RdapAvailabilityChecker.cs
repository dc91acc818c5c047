using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Tailor.Domains.Availability;

/// <summary>
/// Asks the registry's RDAP server (RFC 9082 lookup, RFC 9083 answers): GET {base}domain/{name}. 200 means the
/// registry knows the name (<see cref="AvailabilityStatus.Registered"/>), 404 that it does not
/// (<see cref="AvailabilityStatus.Available"/>); any other status, a timeout or a network error is
/// <see cref="AvailabilityStatus.Unknown"/> (429 and 5xx are common under load). Only TLDs in the bootstrap (or every
/// TLD, with a base-URL override) are covered: see <see cref="Covers"/>.
/// </summary>
public sealed class RdapAvailabilityChecker : IAvailabilityChecker
{
    private static readonly MediaTypeWithQualityHeaderValue RdapJson = new("application/rdap+json");
    private readonly HttpClient _http;
    private readonly RdapCheckOptions _options;

    /// <summary>A checker sending its requests through <paramref name="http"/> (whose own timeout should be longer).</summary>
    public RdapAvailabilityChecker(HttpClient http, RdapCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        _http = http;
        _options = options;
    }

    /// <summary>Whether an RDAP server is known for the name's TLD.</summary>
    public bool Covers(string domain) => BaseUrl(domain) is not null;

    /// <inheritdoc/>
    public async Task<AvailabilityResult> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var clock = Stopwatch.StartNew();
        var baseUrl = BaseUrl(domain);
        if (baseUrl is null)
        {
            return AvailabilityResult.Unknown(domain, "no RDAP server for ." + DomainNames.TopLevel(domain), clock.Elapsed);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "domain/" + domain));
        request.Headers.Accept.Add(RdapJson);
        try
        {
            // Headers only: the status is the answer, and a registered name's record can be large.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var status = response.StatusCode switch
            {
                HttpStatusCode.OK => AvailabilityStatus.Registered,
                HttpStatusCode.NotFound => AvailabilityStatus.Available,
                _ => AvailabilityStatus.Unknown,
            };
            return new AvailabilityResult(domain, status, "RDAP " + code.ToString(CultureInfo.InvariantCulture), clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AvailabilityResult.Unknown(domain, "RDAP timeout", clock.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return AvailabilityResult.Unknown(domain, "RDAP error: " + (e.HttpRequestError == HttpRequestError.Unknown ? e.Message : e.HttpRequestError.ToString()), clock.Elapsed);
        }
    }

    private Uri? BaseUrl(string domain)
    {
        if (_options.BaseUrlOverride is { } url)
        {
            return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        }
        return _options.Bootstrap.BaseUrlFor(domain);
    }
}
