using System.Globalization;
using System.Text.Json;

namespace Tailor.Domains.Availability;

/// <summary>
/// Which RDAP server answers for which TLD: an RFC 9224 bootstrap file ("services": [[[TLDs], [base URLs]], ...]).
/// <see cref="Bundled"/> is the curated copy of IANA's dns.json shipped in Resources/rdap/dns.json; TLDs it does not
/// list have no RDAP check here.
/// </summary>
public sealed class RdapBootstrap
{
    private static readonly Lazy<RdapBootstrap> LazyBundled = new(() =>
        Parse(string.Join('\n', EmbeddedText.Lines(typeof(RdapBootstrap).Assembly, "Tailor.Domains.rdap/dns.json"))));

    private readonly Dictionary<string, Uri> _servers;

    private RdapBootstrap(Dictionary<string, Uri> servers, DateTimeOffset? publication)
    {
        _servers = servers;
        Publication = publication;
    }

    /// <summary>The shipped bootstrap (curated from IANA's dns.json; see its "publication" date).</summary>
    public static RdapBootstrap Bundled => LazyBundled.Value;

    /// <summary>When the file says it was published; null when it does not say.</summary>
    public DateTimeOffset? Publication { get; }

    /// <summary>The TLDs with an RDAP server, sorted.</summary>
    public IReadOnlyList<string> TopLevelDomains => _servers.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Parses a bootstrap file. Of a service's URLs the first https one is taken (RFC 9224 lists them in order of
    /// preference; https first for privacy), each made to end with '/' so "domain/NAME" appends to it.
    /// </summary>
    /// <exception cref="FormatException">Not a bootstrap file.</exception>
    public static RdapBootstrap Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            DateTimeOffset? publication = root.TryGetProperty("publication", out var published)
                && DateTimeOffset.TryParse(published.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                ? date : null;
            var servers = new Dictionary<string, Uri>(StringComparer.Ordinal);
            foreach (var service in root.GetProperty("services").EnumerateArray())
            {
                var urls = service[1].EnumerateArray().Select(u => u.GetString()!).ToList();
                var chosen = urls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? urls.FirstOrDefault();
                if (chosen is null)
                {
                    continue;
                }
                var baseUrl = new Uri(chosen.EndsWith('/') ? chosen : chosen + "/");
                foreach (var tld in service[0].EnumerateArray())
                {
                    servers[tld.GetString()!.ToLowerInvariant()] = baseUrl;
                }
            }
            return new RdapBootstrap(servers, publication);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or UriFormatException)
        {
            throw new FormatException("Not an RDAP bootstrap file: " + e.Message, e);
        }
    }

    /// <summary>The RDAP base URL for the TLD of <paramref name="domain"/>, or null when the TLD has none here.</summary>
    public Uri? BaseUrlFor(string domain) => _servers.GetValueOrDefault(DomainNames.TopLevel(domain));
}
