using System.Globalization;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// Writes a French, Spanish or German description of a company made for that language (its
/// <see cref="CompanyProfile.Foreign"/> phrasing), by filling the lexicon's native phrase templates.
/// </summary>
internal static class ForeignDescriptionWriter
{
    public static string Write(CompanyProfile company, Random random)
    {
        var language = company.Language ?? throw new ArgumentException("not a foreign-language company", nameof(company));
        var industry = company.Foreign!;
        var offers = random.PickDistinct(industry.Offerings, 2);
        var text = random.Pick(language.Templates)
            .Replace("{name}", company.Name, StringComparison.Ordinal)
            .Replace("{noun}", random.Pick(industry.Nouns), StringComparison.Ordinal)
            .Replace("{city}", company.Place.Name, StringComparison.Ordinal)
            .Replace("{offer}", offers[0], StringComparison.Ordinal)
            .Replace("{offer2}", offers[1], StringComparison.Ordinal)
            .Replace("{year}", company.Founded.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return CapitalizeSentences(text);
    }

    // Offerings are stored lower-case ("des croissants") and may open a sentence in a template.
    private static string CapitalizeSentences(string text)
    {
        var letters = text.ToCharArray();
        var sentenceStart = true;
        for (var i = 0; i < letters.Length; i++)
        {
            if (sentenceStart && char.IsLetter(letters[i]))
            {
                letters[i] = char.ToUpperInvariant(letters[i]);
                sentenceStart = false;
            }
            else if (letters[i] is '.' or '!' or '?' or '\n')
            {
                sentenceStart = true;
            }
            else if (!char.IsWhiteSpace(letters[i]))
            {
                sentenceStart = false;
            }
        }
        return new string(letters);
    }
}
