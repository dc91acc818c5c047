using System.Globalization;
using Tailor.Domains.Names;

namespace Tailor.Domains.Availability;

/// <summary>Name handling shared by the availability checkers: normalisation and the zone a name is registered in.</summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>
    /// The name as the checkers use it: trimmed, without a trailing dot, lower-case, internationalised labels in their
    /// ASCII (punycode) form; null when it is not a valid domain name (<see cref="DomainSyntax"/>).
    /// </summary>
    public static string? Normalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }
        var trimmed = domain.Trim().TrimEnd('.');
        string ascii;
        try
        {
            ascii = Idn.GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        return DomainSyntax.IsValid(ascii) ? ascii : null;
    }

    /// <summary>
    /// The zone the name is registered in: its public suffix ("com", "co.uk") under the ICANN section of the Public
    /// Suffix List, or the name less its first label when the name is itself a suffix. Null for a single label.
    /// </summary>
    public static string? ParentZone(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var suffix = PublicSuffixList.Icann.PublicSuffix(domain, out _);
        if (!string.Equals(suffix, domain, StringComparison.Ordinal))
        {
            return suffix;
        }
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : domain[(dot + 1)..];
    }

    /// <summary>The top-level domain: the last label.</summary>
    public static string TopLevel(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain[(domain.LastIndexOf('.') + 1)..];
    }
}
