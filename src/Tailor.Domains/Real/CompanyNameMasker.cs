using System.Text;
using System.Text.RegularExpressions;

namespace Tailor.Domains.Real;

/// <summary>
/// Replaces a company's name in its own description with a neutral phrase that still reads naturally: "The company"
/// at the start of a sentence, "the company" elsewhere, "its"/"Its" for the possessive "Name's". A preceding "the" is
/// absorbed ("the Abode app" -> "the company app"), so the result never says "the the company".
/// </summary>
/// <remarks>
/// Matching is case-insensitive and on word boundaries (a letter or digit on either side means it is part of a
/// longer word). Besides the name itself it tries the spellings directories use for the same company: without a
/// ".ai"/".io"/".com" or " AI" suffix, with its spaces removed ("Realty Mogul" -> "RealtyMogul"), with the domain
/// suffix glued on ("Naria AI" -> "Naria.ai"), and without trailing punctuation ("Talisman+").
/// </remarks>
public sealed class CompanyNameMasker
{
    /// <summary>What stands in for the name.</summary>
    public const string Phrase = "the company";

    private static readonly string[] Suffixes = [".ai", ".io", ".com", " ai", " inc", " inc."];

    private readonly Regex? pattern;

    public CompanyNameMasker(string companyName)
    {
        ArgumentNullException.ThrowIfNull(companyName);
        var spellings = Spellings(companyName);
        if (spellings.Count == 0)
        {
            return;
        }
        // Longest first, so "Naria.ai" wins over "Naria" where both match.
        var names = string.Join('|', spellings.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).Select(Regex.Escape));
        pattern = new Regex(
            $@"(?<the>\bthe\s+)?(?<![\p{{L}}\p{{N}}])(?:{names})(?<possessive>['’]s)?(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    /// <summary>Whether <paramref name="description"/> names the company in a way this masker can find.</summary>
    public bool Finds(string description) => pattern is not null && pattern.IsMatch(description);

    /// <summary><paramref name="description"/> with every occurrence of the name replaced.</summary>
    public string Mask(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (pattern is null)
        {
            return description;
        }
        var masked = pattern.Replace(description, match => Replacement(description, match));
        return Tidy(masked);
    }

    private static string Replacement(string text, Match match)
    {
        var phrase = match.Groups["possessive"].Success ? "its" : Phrase;
        return StartsSentence(text, match.Index) ? char.ToUpperInvariant(phrase[0]) + phrase[1..] : phrase;
    }

    private static bool StartsSentence(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }
        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or '"' or '“';
    }

    // "The company." at the very end is fine; a doubled space from an absorbed article is not.
    private static string Tidy(string text) => text.Replace("  ", " ", StringComparison.Ordinal);

    private static List<string> Spellings(string companyName)
    {
        var name = companyName.Trim().TrimEnd('+', '-', '–', '*', '!', '.', ' ').Trim();
        var spellings = new List<string>();
        void Add(string spelling)
        {
            spelling = spelling.Trim();
            // Very short "names" ("AI", "X") would mask ordinary words; a name needs two letters or digits at least.
            if (spelling.Count(char.IsLetterOrDigit) >= 2 && !spellings.Contains(spelling, StringComparer.OrdinalIgnoreCase))
            {
                spellings.Add(spelling);
            }
        }
        Add(companyName.Trim());
        Add(name);
        var stem = name;
        foreach (var suffix in Suffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                stem = name[..^suffix.Length].Trim();
                Add(stem);
                if (suffix == " ai")
                {
                    Add(stem + ".ai");
                }
                break;
            }
        }
        Add(RemoveSpaces(name));
        Add(RemoveSpaces(stem));
        return spellings;
    }

    private static string RemoveSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
