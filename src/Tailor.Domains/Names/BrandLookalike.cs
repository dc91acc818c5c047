namespace Tailor.Domains.Names;

/// <summary>
/// Finds names that imitate a well-known brand (Resources/words/brands.txt and brands-common-words.txt, about 250
/// labels). The name's first label is lower-cased, stripped of hyphens and l33t-folded (0->o, 1->l, 3->e, 4->a, 5->s,
/// 7->t, 8->b, $->s, @->a); it imitates a brand when the folded label
/// <list type="bullet">
/// <item>equals the brand ("g00gle", "paypa1", "paypal", "apple");</item>
/// <item>is not itself an English word and is within edit distance 1 of a distinctive brand of 5+ letters ("gooogle",
/// "amazn"; but "goggle" is a word);</item>
/// <item>contains a distinctive brand of 4+ letters as one of its words, segmenting with the brands added to the
/// dictionary ("paypalhelp" -> paypal + help; "pineapple" stays one word).</item>
/// </list>
/// Brands that are common words (apple, square, target...) are flagged on an exact match only.
/// </summary>
public static class BrandLookalike
{
    private static readonly Lazy<IReadOnlyList<string>> LazyDistinctive = new(() => WordSegmenter.WordList("brands.txt"));

    private static readonly Lazy<IReadOnlyList<string>> LazyCommonWords = new(() =>
        WordSegmenter.WordList("brands-common-words.txt"));

    private static readonly Lazy<WordSegmenter> BrandSegmenter = new(() => WordSegmenter.Default.With(LazyDistinctive.Value));

    /// <summary>Every brand: the distinctive ones, then those that are common words.</summary>
    public static IReadOnlyList<string> Brands => [.. LazyDistinctive.Value, .. LazyCommonWords.Value];

    /// <summary>The brand <paramref name="domain"/> imitates, or null.</summary>
    public static string? Find(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var label = domain.Trim().ToLowerInvariant().Split('.')[0].Replace("-", "", StringComparison.Ordinal);
        if (label.Length == 0)
        {
            return null;
        }
        var folded = Fold(label);
        var exact = LazyDistinctive.Value.Concat(LazyCommonWords.Value).FirstOrDefault(b => b == folded);
        if (exact is not null)
        {
            return exact;
        }
        var distinctive = LazyDistinctive.Value;
        var near = WordSegmenter.Default.IsWord(folded)
            ? null
            : distinctive.FirstOrDefault(b => b.Length >= 5 && Math.Abs(b.Length - folded.Length) <= 1 && EditDistance(b, folded) <= 1);
        if (near is not null)
        {
            return near;
        }
        var words = BrandSegmenter.Value.Segment(folded).Select(s => s.Text).ToHashSet(StringComparer.Ordinal);
        return distinctive.FirstOrDefault(b => b.Length >= 4 && words.Contains(b));
    }

    public static string Fold(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return string.Concat(label.Select(c => c switch
        {
            '0' => 'o',
            '1' => 'l',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            '8' => 'b',
            '$' => 's',
            '@' => 'a',
            _ => c,
        }));
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
