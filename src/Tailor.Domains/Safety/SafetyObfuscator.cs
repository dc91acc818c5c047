using System.Text;

namespace Tailor.Domains.Safety;

/// <summary>
/// The ways people disguise a blocked word to slip past a filter: l33t digits and symbols, letters pulled apart by
/// spaces or punctuation, and mixed case with look-alike letters from other scripts. The safety set renders its key
/// terms through these, and the refusal guard tests its normaliser against them, so each is deterministic given the
/// <see cref="Random"/> it is handed.
/// </summary>
public static class SafetyObfuscator
{
    // The substitutions filter-evaders actually use; only these, so a simple reverse map can undo them.
    private static readonly Dictionary<char, string[]> LeetSubstitutes = new()
    {
        ['a'] = ["4", "@"],
        ['e'] = ["3"],
        ['i'] = ["1"],
        ['o'] = ["0"],
        ['s'] = ["5", "$"],
    };

    private static readonly string[] Separators = [" ", ".", "-", "_", "*"];

    // Latin letters and a Cyrillic or Greek letter that renders (nearly) the same.
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['a'] = '\u0430', ['c'] = '\u0441', ['e'] = '\u0435', ['i'] = '\u0456', ['j'] = '\u0458', ['o'] = '\u043E',
        ['p'] = '\u0440', ['s'] = '\u0455', ['x'] = '\u0445', ['y'] = '\u0443',
        ['A'] = '\u0410', ['B'] = '\u0412', ['C'] = '\u0421', ['E'] = '\u0415', ['H'] = '\u041D', ['I'] = '\u0406',
        ['K'] = '\u041A', ['M'] = '\u041C', ['N'] = '\u039D', ['O'] = '\u041E', ['P'] = '\u0420', ['T'] = '\u0422',
        ['X'] = '\u0425', ['Y'] = '\u03A5', ['Z'] = '\u0396',
    };

    /// <summary>
    /// Swaps some of a, e, i, o, s (either case) for 4/@, 3, 1, 0, 5/$ — at least one, so the result differs from
    /// <paramref name="term"/> whenever it holds one of those letters (otherwise it comes back unchanged).
    /// </summary>
    public static string Leet(string term, Random random)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(random);
        var positions = Enumerable.Range(0, term.Length).Where(i => LeetSubstitutes.ContainsKey(char.ToLowerInvariant(term[i]))).ToList();
        if (positions.Count == 0)
        {
            return term;
        }
        var forced = positions[random.Next(positions.Count)];
        var text = new StringBuilder(term.Length);
        for (var i = 0; i < term.Length; i++)
        {
            var substitutes = LeetSubstitutes.GetValueOrDefault(char.ToLowerInvariant(term[i]));
            var swap = substitutes is not null && (i == forced || random.NextDouble() < 0.6);
            text.Append(swap ? substitutes![random.Next(substitutes.Length)] : term[i].ToString());
        }
        return text.ToString();
    }

    /// <summary>
    /// Pulls the letters of each word apart with one separator ("c o c a i n e", "h.a.t.e"); words stay apart by two
    /// spaces when the separator is a space. Unchanged only when no word has two characters.
    /// </summary>
    public static string Spaced(string term, Random random)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(random);
        var separator = Separators[random.Next(Separators.Length)];
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var spaced = words.Select(word => string.Join(separator, word.Select(c => c.ToString())));
        return string.Join(separator == " " ? "  " : " ", spaced);
    }

    /// <summary>
    /// Flips the case of about half the letters and swaps one or two for look-alikes from Cyrillic or Greek (e.g.
    /// Cyrillic 'а' for Latin 'a'), so the word reads the same but no longer matches byte for byte. Without a
    /// letter that has a look-alike in either case, only the case changes (or, by chance, nothing).
    /// </summary>
    public static string LookAlike(string term, Random random)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(random);
        var letters = term.Select(c => char.IsLetter(c) && random.Next(2) == 0 ? FlipCase(c) : c).ToArray();
        var candidates = Enumerable.Range(0, letters.Length).Where(i => LookAlikes.ContainsKey(letters[i])).ToArray();
        if (candidates.Length == 0)
        {
            // The random case flips may have left no mappable letter; try the other case before giving up.
            candidates = Enumerable.Range(0, letters.Length).Where(i => LookAlikes.ContainsKey(FlipCase(letters[i]))).ToArray();
            foreach (var i in candidates)
            {
                letters[i] = FlipCase(letters[i]);
            }
        }
        random.Shuffle(candidates);
        foreach (var i in candidates.Take(1 + random.Next(2)))
        {
            letters[i] = LookAlikes[letters[i]];
        }
        return new string(letters);
    }

    private static char FlipCase(char c) => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
}
