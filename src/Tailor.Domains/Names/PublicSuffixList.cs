using System.Globalization;

namespace Tailor.Domains.Names;

/// <summary>
/// The Public Suffix List algorithm (https://publicsuffix.org/list/): normal rules ("co.uk"), wildcard rules ("*.ck")
/// and exception rules ("!www.ck"), plus the default rule "*" when nothing matches. <see cref="Icann"/> is the ICANN
/// section of the shipped copy (Resources/psl, see its README); the PRIVATE section is left out on purpose, because a
/// suggested name must be registrable at a registry, not a sub-allocation of a company such as "github.io".
/// </summary>
public sealed class PublicSuffixList
{
    private static readonly Lazy<PublicSuffixList> LazyIcann = new(() => Parse(EmbeddedLines("Tailor.Domains.psl/public_suffix_list.dat")));

    private readonly HashSet<string> _normal = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcardParents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList()
    {
    }

    /// <summary>The ICANN section of the shipped list.</summary>
    public static PublicSuffixList Icann => LazyIcann.Value;

    /// <summary>How many rules were read (normal, wildcard and exception).</summary>
    public int RuleCount => _normal.Count + _wildcardParents.Count + _exceptions.Count;

    /// <summary>
    /// Reads list lines: one rule per line, "//" comments, reading stops at "===END ICANN DOMAINS===" so that a full
    /// list yields its ICANN part only. Unicode rules are stored in their punycode form, as domains are looked up.
    /// </summary>
    public static PublicSuffixList Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = new PublicSuffixList();
        var idn = new IdnMapping();
        foreach (var raw in lines)
        {
            if (raw.Contains("===END ICANN DOMAINS===", StringComparison.Ordinal))
            {
                break;
            }
            var rule = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (rule is null || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            if (rule.StartsWith('!'))
            {
                list._exceptions.Add(ToAscii(idn, rule[1..]));
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                list._wildcardParents.Add(ToAscii(idn, rule[2..]));
            }
            else
            {
                list._normal.Add(ToAscii(idn, rule));
            }
        }
        return list;
    }

    /// <summary>
    /// The public suffix of <paramref name="domain"/> (lower-case ASCII labels, no trailing dot) under the prevailing
    /// rule: an exception rule wins and yields itself minus its leftmost label; otherwise the matching rule with the
    /// most labels; otherwise the default rule "*" (the last label), reported through <paramref name="isDefaultRule"/>.
    /// </summary>
    public string PublicSuffix(string domain, out bool isDefaultRule)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var labels = domain.Split('.');
        isDefaultRule = false;
        for (var start = 0; start < labels.Length; start++)
        {
            var candidate = string.Join('.', labels[start..]);
            if (_exceptions.Contains(candidate))
            {
                return string.Join('.', labels[(start + 1)..]);
            }
        }
        for (var start = 0; start < labels.Length; start++)
        {
            var candidate = string.Join('.', labels[start..]);
            var parent = string.Join('.', labels[(start + 1)..]);
            if (_normal.Contains(candidate) || (start + 1 < labels.Length && _wildcardParents.Contains(parent)))
            {
                return candidate;
            }
        }
        isDefaultRule = true;
        return labels[^1];
    }

    private static string ToAscii(IdnMapping idn, string rule) =>
        rule.All(char.IsAscii) ? rule.ToLowerInvariant() : idn.GetAscii(rule);

    private static IEnumerable<string> EmbeddedLines(string resource)
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
