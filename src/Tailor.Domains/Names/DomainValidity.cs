using System.Globalization;


namespace Tailor.Domains.Names;

/// <summary>
/// Judges one raw suggestion: a bare name (no scheme, path, port, spaces or trailing dot) in lower case, whose labels
/// follow RFC 1035/1123 (<see cref="DomainSyntax"/>: letters, digits, inner hyphens, 1-63 characters, 253 in all),
/// and which is exactly one label under a public suffix of the ICANN Public Suffix List (eTLD+1). Unicode names are
/// converted to punycode with <see cref="IdnMapping"/> (STD3 ASCII rules) and judged in that form; "xn--" labels must
/// decode. Upper-case letters make a raw suggestion invalid (models are asked for lower case), but the lower-case form
/// is still computed and the reason says whether it would have been valid.
/// </summary>
public static class DomainValidity
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    public static ValidityResult Check(string? raw) => Check(raw, PublicSuffixList.Icann);

    public static ValidityResult Check(string? raw, PublicSuffixList suffixes)
    {
        ArgumentNullException.ThrowIfNull(suffixes);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Invalid("empty", null);
        }
        if (raw.Any(char.IsWhiteSpace))
        {
            return Invalid("contains spaces", null);
        }
        if (raw.IndexOfAny(['/', ':', '?', '#', '@', '\\']) >= 0)
        {
            return Invalid("not a bare domain: scheme, path, port or user part", null);
        }
        if (raw.EndsWith('.'))
        {
            var withoutDot = Check(raw.TrimEnd('.'), suffixes);
            return withoutDot with { Valid = false, Reason = "trailing dot" + (withoutDot.Valid ? "" : "; " + withoutDot.Reason) };
        }
        if (raw.Any(char.IsAsciiLetterUpper))
        {
            var lower = Check(raw.ToLowerInvariant(), suffixes);
            return lower with
            {
                Valid = false,
                Reason = "upper-case letters" + (lower.Valid ? " (the lower-case form is valid)" : "; " + lower.Reason),
            };
        }
        if (!raw.All(char.IsAscii))
        {
            string ascii;
            try
            {
                ascii = Idn.GetAscii(raw);
            }
            catch (ArgumentException)
            {
                return Invalid("not a valid internationalized name", null) with { IsIdn = true };
            }
            return CheckAscii(ascii, suffixes) with { IsIdn = true };
        }
        return CheckAscii(raw, suffixes);
    }

    private static ValidityResult CheckAscii(string domain, PublicSuffixList suffixes)
    {
        var syntax = DomainSyntax.Problem(domain);
        if (syntax is not null)
        {
            return Invalid(syntax, domain);
        }
        var labels = domain.Split('.');
        var isIdn = false;
        foreach (var label in labels.Where(l => l.StartsWith("xn--", StringComparison.Ordinal)))
        {
            isIdn = true;
            if (!DecodesCleanly(label))
            {
                return Invalid($"label '{label}': broken punycode", domain) with { IsIdn = true };
            }
        }
        var suffix = suffixes.PublicSuffix(domain, out var isDefaultRule);
        if (isDefaultRule)
        {
            return Invalid($"no such public suffix: '{suffix}'", domain) with { IsIdn = isIdn };
        }
        var suffixLabels = suffix.Split('.').Length;
        if (labels.Length == suffixLabels)
        {
            return Invalid($"not registrable: '{domain}' is a public suffix", domain) with { IsIdn = isIdn };
        }
        if (labels.Length > suffixLabels + 1)
        {
            return new ValidityResult(false, "not registrable: subdomain", domain, suffix, isIdn);
        }
        return new ValidityResult(true, null, domain, suffix, isIdn);
    }

    /// <summary>An A-label must decode, and encode back to itself (so no case or mapping tricks hide in it).</summary>
    private static bool DecodesCleanly(string label)
    {
        try
        {
            var unicode = Idn.GetUnicode(label);
            return !string.Equals(unicode, label, StringComparison.Ordinal)
                && string.Equals(Idn.GetAscii(unicode), label, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static ValidityResult Invalid(string reason, string? domain) => new(false, reason, domain, null, false);
}
