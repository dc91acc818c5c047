using Tailor.Domains.Data;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// Finds <see cref="SafetyBlocklist"/> terms in a description after undoing the usual disguises: case, accents,
/// look-alike Cyrillic and Greek letters, l33t (4/@ -> a, 3 -> e, 1 -> i, 0 -> o, 5/$ -> s) and letters pulled apart
/// by spaces or punctuation ("c o c a i n e", "h.a.t.e": three or more one-letter words in a row are read as one word).
/// </summary>
/// <remarks>
/// A word of a term matches a word of the text exactly, or with one of the endings s, es, e, n, en (plurals and
/// inflections in the four languages), or, when it ends in '*', as a prefix. Categories are tried most specific first
/// (child exploitation before sexual content, terrorism before violence), so the category named is the narrowest.
/// </remarks>
internal static class SafetyTermMatcher
{
    private const int MinSpacedLetters = 3;

    private static readonly string[] Endings = ["", "s", "es", "e", "n", "en"];

    private static readonly string[] Priority =
    [
        SafetyCategories.ChildExploitation, SafetyCategories.Terrorism, SafetyCategories.SelfHarm, SafetyCategories.Drugs,
        SafetyCategories.Scams, SafetyCategories.Violence, SafetyCategories.Hate, SafetyCategories.Sexual,
    ];

    /// <param name="FirstForms">The first word with each ending, for a quick look-up; empty when it ends in '*'.</param>
    private sealed record Term(string Category, string[] Words, string Joined, string[] FirstForms);

    private static readonly IReadOnlyList<Term> Terms = SafetyBlocklist.Terms
        .OrderBy(t => Array.IndexOf(Priority, t.Category))
        .Select(t =>
        {
            // Folded like the text, word by word, keeping each word's '*'.
            var words = t.Term.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(raw =>
                {
                    var pieces = Normalize(raw.TrimEnd('*'));
                    return raw.EndsWith('*') ? pieces.Take(pieces.Count - 1).Append(pieces[^1] + "*") : pieces;
                })
                .ToArray();
            var firstForms = words[0].EndsWith('*') ? [] : Endings.Select(ending => words[0] + ending).ToArray();
            return new Term(t.Category, words, string.Concat(words).Replace("*", "", StringComparison.Ordinal), firstForms);
        })
        .ToList();

    /// <summary>The category of the first blocklisted term in <paramref name="text"/>, or null when there is none.</summary>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Normalize(text);
        var joined = JoinSpacedLetters(words, out var spacedRuns);
        var distinct = words.Concat(joined).ToHashSet(StringComparer.Ordinal);
        foreach (var term in Terms)
        {
            // Scanning for the whole term only pays when its first word is there at all (a hash look-up per ending).
            var firstPresent = term.FirstForms.Length == 0
                ? distinct.Any(word => WordMatches(term.Words[0], word))
                : term.FirstForms.Any(distinct.Contains);
            if ((firstPresent && (Occurs(term.Words, words) || Occurs(term.Words, joined)))
                || (term.Joined.Length >= MinSpacedLetters && spacedRuns.Any(run => run.Contains(term.Joined, StringComparison.Ordinal))))
            {
                return term.Category;
            }
        }
        return null;
    }

    /// <summary>The folded words of <paramref name="text"/>, disguises undone as the guard undoes them (<see cref="Guard.SafetyTextNormalizer"/>).</summary>
    internal static List<string> Normalize(string text) =>
        AsciiText.Words(AsciiText.Fold(Guard.SafetyTextNormalizer.Normalize(text))).ToList();

    /// <summary>The words with every run of 3+ one-letter words joined into one; the runs also with the words either side.</summary>
    private static List<string> JoinSpacedLetters(List<string> words, out List<string> runs)
    {
        var joined = new List<string>(words.Count);
        runs = [];
        for (var i = 0; i < words.Count;)
        {
            var end = i;
            while (end < words.Count && words[end].Length == 1)
            {
                end++;
            }
            if (end - i >= MinSpacedLetters)
            {
                var run = string.Concat(words.Skip(i).Take(end - i));
                // With its neighbours too, so "bogus t.e.c.h s.u.p.p.o.r.t scams" still reads "bogustechsupport".
                runs.Add((i > 0 ? words[i - 1] : "") + run + (end < words.Count ? words[end] : ""));
                joined.Add(run);
                i = end;
            }
            else
            {
                joined.Add(words[i]);
                i++;
            }
        }
        return joined;
    }

    private static bool Occurs(string[] term, List<string> words)
    {
        for (var start = 0; start + term.Length <= words.Count; start++)
        {
            var all = true;
            for (var j = 0; j < term.Length && all; j++)
            {
                all = WordMatches(term[j], words[start + j]);
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    private static bool WordMatches(string termWord, string word)
    {
        if (termWord.EndsWith('*'))
        {
            return word.StartsWith(termWord[..^1], StringComparison.Ordinal);
        }
        if (!word.StartsWith(termWord, StringComparison.Ordinal))
        {
            return false;
        }
        var ending = word.AsSpan(termWord.Length);
        foreach (var allowed in Endings)
        {
            if (ending.SequenceEqual(allowed))
            {
                return true;
            }
        }
        return false;
    }
}
