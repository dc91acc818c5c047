using System.Text;
using Tailor.Domains.Suggestions;

namespace Tailor.Domains.Guard;

/// <summary>
/// Undoes the disguises people use to slip a word past a filter, so "c 0 c 4 1 n 3", "k*i*l*l", "ΝUDe" and "53x"
/// read "cocaine", "kill", "nude" and "sex": NFKC, lower case, Cyrillic and Greek look-alike letters folded to Latin,
/// accents stripped, letters pulled apart by one space, dot, dash, underscore or asterisk joined back into words, and
/// l33t undone (4/@ -> a, 3 -> e, 1/! -> i, 0 -> o, 5/$ -> s, 7 -> t). Whitespace comes back as single spaces.
/// </summary>
/// <remarks>
/// Ordinary text keeps its words: only runs of three or more one-character pieces with one separator are joined
/// ("a b c" is rare in real text, "e.g." has two), and l33t is undone only inside a word that also holds a letter
/// ("k1ll", "@lc0hol") or in a symbol-and-digit token such as "1$15", never in plain numbers ("24/7", "$50").
/// Everything <see cref="Safety.SafetyObfuscator"/> produces is undone.
/// </remarks>
public static class SafetyTextNormalizer
{
    private const int MinSpacedPieces = 3;

    private const string PieceSeparators = " .-_*";

    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Lower case only: the text is lower-cased first.
        ['а'] = 'a', ['в'] = 'b', ['с'] = 'c', ['е'] = 'e', ['н'] = 'h', ['і'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['м'] = 'm',
        ['о'] = 'o', ['р'] = 'p', ['т'] = 't', ['ѕ'] = 's', ['х'] = 'x', ['у'] = 'y', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l',
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'n', ['ο'] = 'o', ['ρ'] = 'p',
        ['τ'] = 't', ['υ'] = 'y', ['χ'] = 'x', ['ζ'] = 'z', ['μ'] = 'm',
    };

    private static readonly Dictionary<char, char> Leet = new()
    {
        ['4'] = 'a', ['@'] = 'a', ['3'] = 'e', ['1'] = 'i', ['!'] = 'i', ['0'] = 'o', ['5'] = 's', ['$'] = 's', ['7'] = 't',
    };

    /// <summary>The text with its disguises undone (see the class summary).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lowered = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var folded = new StringBuilder(lowered.Length);
        foreach (var c in lowered)
        {
            folded.Append(LookAlikes.GetValueOrDefault(c, c));
        }
        var ascii = AsciiText.Fold(folded.ToString());
        return CollapseWhitespace(UndoLeet(JoinSpacedPieces(ascii)));
    }

    /// <summary>Joins runs like "c o c a", "h.a.t.e" or "k*1*l*l" (one separator, repeated) into one word.</summary>
    private static string JoinSpacedPieces(string text)
    {
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var end = SpacedRunEnd(text, i, out var pieces);
            if (end > i)
            {
                result.Append(pieces);
                i = end;
            }
            else
            {
                result.Append(text[i]);
                i++;
            }
        }
        return result.ToString();
    }

    /// <summary>Where the spaced run starting at <paramref name="start"/> ends (exclusive), or <paramref name="start"/> when none starts there.</summary>
    private static int SpacedRunEnd(string text, int start, out string pieces)
    {
        pieces = "";
        // A run starts a word and its pieces are single characters with the same separator between them.
        if (!IsPiece(text, start) || (start > 0 && char.IsLetterOrDigit(text[start - 1])) || start + 2 >= text.Length
            || !PieceSeparators.Contains(text[start + 1], StringComparison.Ordinal))
        {
            return start;
        }
        var separator = text[start + 1];
        var joined = new StringBuilder().Append(text[start]);
        var last = start;
        while (last + 2 < text.Length && text[last + 1] == separator && (IsPiece(text, last + 2) || IsPunctuationPiece(text, last + 2, separator)))
        {
            joined.Append(text[last + 2]);
            last += 2;
        }
        var word = joined.ToString();
        if (word.Count(c => char.IsLetterOrDigit(c) || Leet.ContainsKey(c)) < MinSpacedPieces || !word.Any(char.IsLetter))
        {
            return start;
        }
        pieces = word;
        return last + 1;
    }

    /// <summary>Whether a one-character piece (letter, digit or l33t symbol) stands alone at <paramref name="i"/>.</summary>
    private static bool IsPiece(string text, int i) =>
        (char.IsLetterOrDigit(text[i]) || Leet.ContainsKey(text[i]))
        && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1]));

    /// <summary>
    /// Whether a lone punctuation mark inside a spaced word stands at <paramref name="i"/>: "3.d.-.p.r.i.n.t.e.d", or
    /// the separator itself ("a-l---q-a-e-d-a").
    /// </summary>
    private static bool IsPunctuationPiece(string text, int i, char separator) =>
        char.IsPunctuation(text[i]) && i + 2 < text.Length && text[i + 1] == separator && IsPiece(text, i + 2);

    /// <summary>Undoes l33t in each token of letters, digits and l33t symbols that is disguised (see the remarks).</summary>
    private static string UndoLeet(string text)
    {
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTokenChar(text[i]))
            {
                result.Append(text[i]);
                i++;
                continue;
            }
            var end = i;
            while (end < text.Length && IsTokenChar(text[end]))
            {
                end++;
            }
            // A trailing "!" is punctuation ("great!"), not an i.
            var tokenEnd = end;
            while (tokenEnd > i && text[tokenEnd - 1] == '!')
            {
                tokenEnd--;
            }
            var token = text[i..tokenEnd];
            result.Append(IsDisguised(token) ? string.Concat(token.Select(c => Leet.GetValueOrDefault(c, c))) : token);
            result.Append(text, tokenEnd, end - tokenEnd);
            i = end;
        }
        return result.ToString();
    }

    private static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || c is '@' or '$' or '!';

    private static bool IsDisguised(string token)
    {
        if (!token.Any(Leet.ContainsKey))
        {
            return false;
        }
        if (token.Any(char.IsLetter))
        {
            return true;
        }
        // No letter: only a mix of l33t symbols and digits ("1$15"), and not an amount of money ("$50", "50$").
        var symbols = token.Count(c => c is '@' or '$' or '!');
        var isMoney = (token[0] == '$' || token[^1] == '$') && symbols == 1;
        return symbols > 0 && token.Any(char.IsDigit) && !isMoney && token.All(Leet.ContainsKey);
    }

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
