using System.Globalization;
using Tailor.Domains.Names;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// A name split for the word-based metrics: the label(s) in front of its public suffix and its top-level label, both
/// lower case and in Unicode ("xn--bckerei-5wa.de" -> "bäckerei", "de"), so that words, not punycode, are scored.
/// Invalid names are split as well as they can be: without a known suffix the last label is taken as the suffix.
/// </summary>
internal sealed record DomainParts(string Label, string TopLevel)
{
    private static readonly IdnMapping Idn = new();

    public static DomainParts Of(string domain)
    {
        var lower = domain.Trim().TrimEnd('.').ToLowerInvariant();
        var validity = DomainValidity.Check(lower);
        var ascii = validity.Domain ?? lower;
        var labels = ascii.Split('.');
        if (labels.Length == 1)
        {
            return new DomainParts(Decode(ascii), "");
        }
        var suffixLabels = validity.RegistrableSuffix?.Split('.').Length ?? 1;
        var label = string.Join('.', labels[..Math.Max(1, labels.Length - suffixLabels)]);
        return new DomainParts(Decode(label), Decode(labels[^1]));
    }

    private static string Decode(string ascii)
    {
        if (!ascii.Contains("xn--", StringComparison.Ordinal))
        {
            return ascii;
        }
        try
        {
            return Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return ascii;
        }
    }
}
