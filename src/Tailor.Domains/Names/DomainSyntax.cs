namespace Tailor.Domains.Names;

/// <summary>
/// Syntax rules for a domain name as we store and suggest it: lower-case ASCII labels (RFC 1035 letters, digits and
/// inner hyphens, as RFC 1123 relaxed them), 1-63 characters each, at most 253 in all, at least two labels, and an
/// alphabetic top-level label. Internationalized names appear in their punycode ("xn--") form.
/// </summary>
/// <remarks>Whether the suffix is registrable (Public Suffix List) is the evaluator's concern, not this check's.</remarks>
public static class DomainSyntax
{
    public const int MaxLabelLength = 63;
    public const int MaxNameLength = 253;

    /// <summary>Why <paramref name="domain"/> is not a valid name, or null when it is.</summary>
    public static string? Problem(string? domain)
    {
        if (string.IsNullOrEmpty(domain))
        {
            return "empty";
        }
        if (domain.Length > MaxNameLength)
        {
            return $"longer than {MaxNameLength} characters";
        }
        if (domain.EndsWith('.'))
        {
            return "trailing dot";
        }
        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return "no top-level domain";
        }
        foreach (var label in labels)
        {
            var problem = LabelProblem(label);
            if (problem is not null)
            {
                return $"label '{label}': {problem}";
            }
        }
        var top = labels[^1];
        if (!top.StartsWith("xn--", StringComparison.Ordinal) && !top.All(char.IsAsciiLetterLower))
        {
            return $"top-level domain '{top}' is not alphabetic";
        }
        return null;
    }

    public static bool IsValid(string? domain) => Problem(domain) is null;

    /// <summary>Why <paramref name="label"/> is not a valid label, or null when it is.</summary>
    public static string? LabelProblem(string label)
    {
        if (label.Length == 0)
        {
            return "empty label";
        }
        if (label.Length > MaxLabelLength)
        {
            return $"longer than {MaxLabelLength} characters";
        }
        if (label[0] == '-' || label[^1] == '-')
        {
            return "starts or ends with a hyphen";
        }
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return char.IsAsciiLetterUpper(c) ? "upper-case letter" : $"character '{c}' not allowed";
            }
        }
        // RFC 5891: "??--" in positions 3-4 is reserved for A-labels (xn--).
        if (label.Length >= 4 && label[2] == '-' && label[3] == '-' && !label.StartsWith("xn--", StringComparison.Ordinal))
        {
            return "hyphens in positions 3-4 are reserved for punycode (xn--)";
        }
        return null;
    }
}
