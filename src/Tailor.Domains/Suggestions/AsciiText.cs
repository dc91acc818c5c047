using System.Globalization;
using System.Text;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// Folds text to lower-case ASCII where a Latin reading exists: accents dropped ("café" -> "cafe", "héroïne" ->
/// "heroine") and the letters that do not decompose spelled out (ß -> ss, æ -> ae, ø -> o, œ -> oe, ł -> l).
/// Everything else (other scripts, emoji, punctuation) passes through unchanged for the caller to treat as a separator.
/// </summary>
public static class AsciiText
{
    private static readonly Dictionary<char, string> Spelled = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['ø'] = "o", ['œ'] = "oe", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
    };

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            // Nothing to decompose or spell out: the common case, and much cheaper.
            return text.ToLowerInvariant();
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (Spelled.TryGetValue(lower, out var spelled))
            {
                builder.Append(spelled);
            }
            else
            {
                builder.Append(lower);
            }
        }
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="c"/> can be part of a folded word: a-z or 0-9.</summary>
    public static bool IsWordChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    /// <summary>The runs of a-z and 0-9 in already folded text; everything else separates them.</summary>
    public static IEnumerable<string> Words(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var start = 0;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i == folded.Length || !IsWordChar(folded[i]))
            {
                if (i > start)
                {
                    yield return folded[start..i];
                }
                start = i + 1;
            }
        }
    }
}
