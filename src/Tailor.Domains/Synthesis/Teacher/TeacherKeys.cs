using System.Globalization;
using System.Text;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// The keys that tell repeated companies apart: teachers like to invent "Bloom &amp; Co." twice, or the same
/// description word for word, and either would leak one company into both sides of a split.
/// </summary>
internal static class TeacherKeys
{
    /// <summary>The company name folded to lower-case letters and digits, accents dropped ("Café Léa!" gives "cafelea").</summary>
    public static string Company(string companyName) => new([.. Fold(companyName).Where(char.IsLetterOrDigit)]);

    /// <summary>The description folded the same way, words kept apart by single spaces.</summary>
    public static string Description(string description)
    {
        var words = Fold(description)
            .Select(c => char.IsLetterOrDigit(c) ? c : ' ')
            .ToArray();
        return string.Join(' ', new string(words).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string([.. decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
    }
}
