using System.Text;

namespace Tailor.Domains.Tests.Safety;

/// <summary>
/// A deliberately simple, independent reverse of the obfuscations: fold look-alike letters to Latin, lower-case, undo
/// l33t, and keep letters only (which removes inserted spacing and punctuation). Whatever SafetyObfuscator does must
/// stay recoverable by this, or a guard's normaliser would have no chance.
/// </summary>
internal static class ObfuscationReverser
{
    private static readonly Dictionary<char, char> Fold = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['с'] = 'c', ['е'] = 'e', ['н'] = 'h', ['і'] = 'i', ['ј'] = 'j', ['к'] = 'k',
        ['м'] = 'm', ['о'] = 'o', ['р'] = 'p', ['т'] = 't', ['ѕ'] = 's', ['х'] = 'x', ['у'] = 'y',
        // Greek
        ['ν'] = 'n', ['υ'] = 'y', ['ζ'] = 'z',
        // l33t
        ['4'] = 'a', ['@'] = 'a', ['3'] = 'e', ['1'] = 'i', ['0'] = 'o', ['5'] = 's', ['$'] = 's',
    };

    /// <summary>The letters of <paramref name="text"/> as a filter would compare them.</summary>
    public static string Normalize(string text)
    {
        var letters = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var folded = Fold.GetValueOrDefault(c, c);
            if (char.IsLetter(folded))
            {
                letters.Append(folded);
            }
        }
        return letters.ToString();
    }
}
