namespace Tailor.Domains.Synthesis.Naming;

/// <summary>
/// Makes candidate labels from keyword parts by the naming strategies people really use: compounds, stock
/// modifiers, blends, truncations, coinages and, when the company already has a name, that name.
/// </summary>
internal static class NameStrategies
{
    /// <summary>Only the first few keyword parts are combined: they matter most and pairs grow quadratically.</summary>
    public const int WordsCombined = 5;

    /// <summary>Stock prefixes and suffixes go on the most important keyword parts only.</summary>
    private const int WordsModified = 3;

    private static readonly string[] Prefixes = ["get", "try", "use", "my", "go", "hey", "the", "join"];

    private static readonly string[] Suffixes = ["hq", "app", "hub", "labs", "ly", "ify", "co", "works", "now", "hq"];

    /// <summary>Every candidate for <paramref name="words"/> (and <paramref name="companyLabel"/> when not empty).</summary>
    public static List<NameCandidate> All(IReadOnlyList<string> words, string companyLabel, Random random)
    {
        var candidates = new List<NameCandidate>();
        var used = words.Take(WordsCombined).ToList();
        if (companyLabel.Length > 0)
        {
            AddCompany(candidates, companyLabel, used);
        }
        for (var i = 0; i < used.Count; i++)
        {
            if (used[i].Length >= 4)
            {
                candidates.Add(new(used[i], NameStrategy.Compound));
            }
            if (i < WordsModified)
            {
                AddModifiers(candidates, used[i]);
            }
        }
        for (var i = 0; i < used.Count; i++)
        {
            for (var j = 0; j < used.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }
                candidates.Add(new(used[i] + used[j], NameStrategy.Compound));
                if (Blend(used[i], used[j]) is { } blend)
                {
                    candidates.Add(new(blend, NameStrategy.Blend));
                }
                if (Truncate(used[i], used[j]) is { } truncation)
                {
                    candidates.Add(new(truncation, NameStrategy.Truncation));
                }
            }
        }
        for (var i = 0; i < 8; i++)
        {
            var first = used.Count > 0 && random.Next(2) == 0 ? used[random.Next(used.Count)][0] : (char?)null;
            candidates.Add(new(CoinedNames.Make(random, first), NameStrategy.Coined));
        }
        return candidates;
    }

    private static void AddCompany(List<NameCandidate> candidates, string company, List<string> words)
    {
        candidates.Add(new(company, NameStrategy.CompanyName));
        candidates.Add(new("get" + company, NameStrategy.CompanyName));
        candidates.Add(new("try" + company, NameStrategy.CompanyName));
        candidates.Add(new(company + "hq", NameStrategy.CompanyName));
        foreach (var word in words.Take(2))
        {
            if (!company.Contains(word, StringComparison.Ordinal))
            {
                candidates.Add(new(company + word, NameStrategy.CompanyName));
            }
        }
    }

    private static void AddModifiers(List<NameCandidate> candidates, string word)
    {
        foreach (var prefix in Prefixes)
        {
            candidates.Add(new(prefix + word, NameStrategy.Modifier));
        }
        foreach (var suffix in Suffixes)
        {
            candidates.Add(new(Attach(word, suffix), NameStrategy.Modifier));
        }
    }

    /// <summary>The heads of two words joined ("sourdough" + "pastries" -> "sourpas"), when that reads easily.</summary>
    public static string? Truncate(string first, string second)
    {
        var (a, b) = (Syllables.Head(first), Syllables.Head(second));
        var joined = a + b;
        return a.Length >= 3 && b.Length >= 3 && a != first && joined.Length >= 6 && Syllables.Awkwardness(joined) == 0
            ? joined
            : null;
    }

    // "bake" + "ify" -> "bakify", "bread" + "ly" -> "breadly": a vowel meeting a vowel-led suffix is dropped.
    private static string Attach(string word, string suffix) =>
        word.Length > 3 && Syllables.IsVowel(word[^1]) && Syllables.IsVowel(suffix[0]) ? word[..^1] + suffix : word + suffix;

    /// <summary>
    /// A portmanteau of <paramref name="first"/> and <paramref name="second"/>: merged on their longest overlap
    /// ("crumb" + "bake" -> "crumbake"), else the first word's head joined to the second from its first vowel
    /// ("sourdough" + "oven" -> "souroven", "sports" + "heal" -> "sporeal"); null when the result is not 5-10
    /// letters, the head is under 4 letters, or the second word would lose more than its first letter.
    /// Overlaps of one consonant read poorly ("door" + "relocation"), so an overlap is one vowel or 2+ letters.
    /// </summary>
    public static string? Blend(string first, string second)
    {
        for (var overlap = Math.Min(first.Length, second.Length) - 1; overlap >= 1; overlap--)
        {
            if (first.AsSpan(first.Length - overlap).SequenceEqual(second.AsSpan(0, overlap))
                && (overlap >= 2 || Syllables.IsVowel(second[0])))
            {
                var merged = first + second[overlap..];
                return merged.Length is >= 5 and <= 10 ? merged : null;
            }
        }
        var head = Syllables.Head(first);
        var vowel = 0;
        while (vowel < second.Length && !Syllables.IsVowel(second[vowel]))
        {
            vowel++;
        }
        // A syllable blend keeps a 4+ letter head and drops at most one letter of the second word, or nobody
        // recognises the words any more ("hon" + "ander" from "honeymoon" + "wander" reads as noise).
        if (head.Length == first.Length || head.Length < 4 || vowel > 1 || vowel >= second.Length)
        {
            return null;
        }
        var blend = Syllables.IsVowel(head[^1]) ? head + second[(vowel + 1)..] : head + second[vowel..];
        return blend.Length is >= 5 and <= 10 ? blend : null;
    }
}
