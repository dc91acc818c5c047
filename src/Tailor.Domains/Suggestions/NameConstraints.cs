using Tailor.Domains.Names;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// The hard options of a <see cref="SuggestionRequest"/> as a test on names, the one every suggester (and the
/// server's last check) applies: a name must be a valid registrable domain (<see cref="DomainValidity"/>), exactly one
/// label under one of the requested suffixes (any public suffix when none was asked for), with a label no longer than
/// <see cref="SuggestionRequest.EffectiveMaxLength"/> that contains no excluded word. The label is the part before the
/// registrable suffix ("bakery" in "bakery.co.uk"); words are compared case-insensitively.
/// </summary>
public sealed class NameConstraints
{
    private NameConstraints(IReadOnlyList<string> tlds, int? maxLength, IReadOnlyList<string> exclude, IReadOnlyList<string> include)
    {
        Tlds = tlds;
        MaxLength = maxLength;
        Exclude = exclude;
        Include = include;
    }

    /// <summary>The suffixes names must end in, normalised (lower case, no leading dot); empty: any public suffix.</summary>
    public IReadOnlyList<string> Tlds { get; }

    /// <summary>The longest label allowed; null: only the DNS limit of 63.</summary>
    public int? MaxLength { get; }

    /// <summary>Words no label may contain, lower case.</summary>
    public IReadOnlyList<string> Exclude { get; }

    /// <summary>Words the names should contain, lower case (a preference, not a rule: see <see cref="HasIncludedWord"/>).</summary>
    public IReadOnlyList<string> Include { get; }

    /// <summary>Whether the request asks anything of the names beyond validity.</summary>
    public bool Restricts => Tlds.Count > 0 || MaxLength is not null || Exclude.Count > 0;

    /// <summary>The constraints <paramref name="request"/> sets.</summary>
    /// <exception cref="ArgumentException">A requested suffix is not one a name can be registered under, or a max length is outside 1..63.</exception>
    public static NameConstraints For(SuggestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tlds = new List<string>();
        foreach (var raw in request.Tlds)
        {
            var tld = NormaliseTld(raw);
            if (TldProblem(tld) is { } problem)
            {
                throw new ArgumentException($"requested suffix '{raw}' cannot be used: {problem}.", nameof(request));
            }
            if (!tlds.Contains(tld, StringComparer.Ordinal))
            {
                tlds.Add(tld);
            }
        }
        var maxLength = request.EffectiveMaxLength;
        if (maxLength is < 1 or > DomainSyntax.MaxLabelLength)
        {
            throw new ArgumentException($"max length {maxLength} is outside 1..{DomainSyntax.MaxLabelLength}.", nameof(request));
        }
        return new NameConstraints(tlds, maxLength, Words(request.Exclude), Words(request.Include));
    }

    /// <summary>A suffix as a client may write it (".COM ") in the form names use ("com").</summary>
    public static string NormaliseTld(string tld)
    {
        ArgumentNullException.ThrowIfNull(tld);
        return tld.Trim().TrimStart('.').ToLowerInvariant();
    }

    /// <summary>Why no name can be registered directly under <paramref name="tld"/> (normalised), or null when one can.</summary>
    public static string? TldProblem(string tld)
    {
        ArgumentNullException.ThrowIfNull(tld);
        var check = DomainValidity.Check("example." + tld);
        return check.Valid ? null : check.Reason;
    }

    /// <summary>Why <paramref name="domain"/> breaks the constraints, or null when it keeps them all.</summary>
    public string? Problem(string domain)
    {
        var validity = DomainValidity.Check(domain);
        if (!validity.Valid || validity.RegistrableSuffix is null)
        {
            return "not a valid registrable domain" + (validity.Reason is null ? "" : ": " + validity.Reason);
        }
        var label = validity.Domain![..^(validity.RegistrableSuffix.Length + 1)];
        if (Tlds.Count > 0 && !Tlds.Contains(validity.RegistrableSuffix, StringComparer.Ordinal))
        {
            return $"not under {string.Join(", ", Tlds.Select(t => "." + t))}";
        }
        return LabelProblem(label);
    }

    /// <summary>Whether <paramref name="domain"/> keeps every constraint.</summary>
    public bool Allows(string domain) => Problem(domain) is null;

    /// <summary>Why a label (a name without its suffix) is too long or holds an excluded word, or null when it is neither.</summary>
    public string? LabelProblem(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (MaxLength is { } max && label.Length > max)
        {
            return $"label longer than {max} characters";
        }
        var excluded = ExcludedWordIn(label);
        return excluded is null ? null : $"contains the excluded word '{excluded}'";
    }

    /// <summary>The first excluded word <paramref name="text"/> contains, or null.</summary>
    public string? ExcludedWordIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Exclude.FirstOrDefault(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether <paramref name="domain"/>'s label holds one of the included words.</summary>
    public bool HasIncludedWord(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        var label = dot < 0 ? domain : domain[..dot];
        return Include.Any(word => label.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The words trimmed, lower-cased and de-duplicated, blanks dropped.</summary>
    private static List<string> Words(IReadOnlyList<string> words) =>
        words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
