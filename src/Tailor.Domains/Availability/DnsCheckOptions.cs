using System.Net;

namespace Tailor.Domains.Availability;

/// <summary>How <see cref="DnsAvailabilityChecker"/> asks: which resolver, how long to wait, how often to retry.</summary>
public sealed record DnsCheckOptions
{
    /// <summary>The recursive resolver to ask (IP and port); null: the first nameserver in /etc/resolv.conf.</summary>
    public IPEndPoint? Resolver { get; init; }

    /// <summary>How long to wait for one answer before retrying.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a query that timed out is sent again (so a dead resolver costs Timeout x (Retries + 1)).</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Parses "IP" or "IP:port" ("[IPv6]:port"); port 53 when none is given.</summary>
    /// <exception cref="FormatException">Not an address.</exception>
    public static IPEndPoint ParseResolver(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Port 0 is what IPEndPoint makes of an address without one.
        if (IPEndPoint.TryParse(text.Trim(), out var endpoint))
        {
            return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint;
        }
        throw new FormatException($"'{text}' is not a resolver address (IP or IP:port).");
    }
}
