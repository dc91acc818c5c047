using System.Globalization;
using System.Text;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// The name_hit metric. A description "gives" the company's name when it contains a capitalized token of three or
/// more letters whose lower-case, accent-free form appears inside the first label of one of the case's reference
/// domains ("Maison Dupont sells bread" with reference maisondupont.fr gives "maison" and "dupont"). That rule needs
/// references, so cases without them have no name_hit; a capitalized city that also sits in a reference label counts
/// as a name too, a known over-count. A suggestion uses the name when its first label contains one of those tokens.
/// </summary>
public static class NameHit
{
    /// <summary>The name tokens <paramref name="description"/> gives (lower case, accents removed); empty when none.</summary>
    public static IReadOnlyList<string> Detect(string description, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(references);
        var labels = references.Select(r => FirstLabel(r)).Where(l => l.Length > 0).ToList();
        if (labels.Count == 0)
        {
            return [];
        }
        return Tokens(description)
            .Where(t => t.Length >= 3 && char.IsUpper(t[0]))
            .Select(Fold)
            .Where(t => labels.Any(l => l.Contains(t, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || !char.IsLetterOrDigit(text[i]))
            {
                if (i > start)
                {
                    yield return text[start..i];
                }
                start = i + 1;
            }
        }
    }

    /// <summary>Whether any of <paramref name="domains"/> uses one of <paramref name="names"/>.</summary>
    public static bool Hit(IReadOnlyList<string> names, IEnumerable<string> domains)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(domains);
        return domains.Select(FirstLabel).Any(label => names.Any(n => label.Contains(n, StringComparison.Ordinal)));
    }

    private static string FirstLabel(string domain) => Fold(domain.Split('.')[0]).Replace("-", "", StringComparison.Ordinal);

    /// <summary>Lower case without diacritics ("Crème" -> "creme").</summary>
    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            builder.Append(c);
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
