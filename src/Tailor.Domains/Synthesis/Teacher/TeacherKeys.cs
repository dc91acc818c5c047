using System.Globalization;
using System.Text;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// The keys that tell repeated companies apart: teachers like to invent "Bloom &amp; Co." twice, or the same
/// description word for word, and either would leak one company into both sides of a split.
/// </summary>
internal static class TeacherKeys
{
    /// <summary>The company name folded to lower-case letters and digits, accents dropped ("Café Léa!" gives "cafelea").</summary>
    public static string Company(string companyName) => new([.. Fold(companyName).Where(char.IsLetterOrDigit)]);

    /// <summary>
    /// The description's duplicate key: the same one the splitter joins exact duplicates by
    /// (<see cref="DescriptionText.ExactKey"/>), so what the teacher keeps, the splitter would not have to merge.
    /// </summary>
    public static string Description(string description) => DescriptionText.ExactKey(description);

    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string([.. decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
    }
}
