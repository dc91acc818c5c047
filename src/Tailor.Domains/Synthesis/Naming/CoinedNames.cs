using System.Text;

namespace Tailor.Domains.Synthesis.Naming;

/// <summary>
/// Seeded pronounceable coinages from consonant-vowel patterns ("lumora", "vexa", "tolin"): a consonant (or, first,
/// a cluster like "br", "st") before each single vowel, an optional closing consonant; letters that English,
/// French, Spanish and German speakers all read the same way.
/// </summary>
internal static class CoinedNames
{
    // Single consonants mostly; a few clusters at the start of a name only (see Make).
    private static readonly string[] Onsets =
        ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "l", "r", "n", "m", "br", "cl", "dr", "fl", "gr", "pl", "st", "tr"];

    private const int SingleOnsets = 18;

    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "a", "o", "e", "i", "a"];

    private static readonly string[] Codas = ["", "", "", "", "n", "r", "l", "x", "s", "m"];

    /// <summary>A coinage of 2 syllables (3 one time in three), optionally starting with <paramref name="firstLetter"/> (ties it to a keyword).</summary>
    public static string Make(Random random, char? firstLetter = null, int syllables = 0)
    {
        var count = syllables > 0 ? syllables : (random.Next(3) == 0 ? 3 : 2);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var onset = Onsets[random.Next(i == 0 ? Onsets.Length : SingleOnsets)];
            if (i == 0 && firstLetter is { } letter && !Syllables.IsVowel(letter))
            {
                onset = letter.ToString();
            }
            builder.Append(i == 0 && random.Next(5) == 0 ? "" : onset);
            builder.Append(Vowels[random.Next(Vowels.Length)]);
        }
        builder.Append(Codas[random.Next(Codas.Length)]);
        return builder.ToString();
    }

    /// <summary>A coinage capitalised as a brand name ("Zentrix"-like), for fictional companies.</summary>
    public static string MakeBrand(Random random)
    {
        var word = Make(random);
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
