namespace Tailor.Domains.Names;

/// <summary>
/// Splits a domain label into words ("getfreshbread" -> get, fresh, bread) by dynamic programming over the letters:
/// the split with the least total cost wins, where a dictionary word of n letters costs 1 - 0.01 n^2 (plus 0.5 for
/// two-letter words, which are too easy to find by accident; minus 0.1 for preferred words, the brand modifiers and
/// tech words names are built from) and an unknown chunk of n letters costs 2 + 0.5 n. So fewer and longer words are
/// preferred ("car parts" over "carp arts", 1.66 against 1.68; "bake shop" over "bakes hop", 1.58 against 1.66) and
/// unknown chunks are allowed at a price ("bakery" + "zzq"). Hyphens separate, digit runs are their own unknown
/// segments. <see cref="Default"/> knows the shipped list (Resources/words: wamerican words, and extra words and brand
/// modifiers, which it prefers).
/// </summary>
public sealed class WordSegmenter
{
    public const int MaxWordLength = 15;

    private const double PreferredBonus = 0.1;

    private static readonly Lazy<WordSegmenter> LazyDefault = new(() =>
    {
        var preferred = WordList("extra-words.txt").Concat(Modifiers).ToList();
        return new WordSegmenter(WordList("english.txt").Concat(preferred), preferred);
    });

    private readonly HashSet<string> _words;
    private readonly HashSet<string> _preferred;

    /// <summary>
    /// A segmenter knowing <paramref name="words"/> and <paramref name="preferred"/> (lower-cased; words longer than 15
    /// letters are ignored), the latter at a lower cost.
    /// </summary>
    public WordSegmenter(IEnumerable<string> words, IEnumerable<string>? preferred = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        _preferred = Normalize(preferred ?? []);
        _words = Normalize(words);
        _words.UnionWith(_preferred);
    }

    public static WordSegmenter Default => LazyDefault.Value;

    /// <summary>Brand modifiers (get, try, hq, app, labs, ly...): words of a name that carry no content.</summary>
    public static IReadOnlyList<string> Modifiers => LazyModifiers.Value;

    private static readonly Lazy<IReadOnlyList<string>> LazyModifiers = new(() => WordList("modifiers.txt"));

    /// <summary>A shipped word list (<c>Resources/words/</c>).</summary>
    internal static IReadOnlyList<string> WordList(string file) =>
        EmbeddedText.Words(typeof(WordSegmenter).Assembly, "Tailor.Domains.words/" + file);

    public int WordCount => _words.Count;

    public bool IsWord(string word) => _words.Contains(word);

    /// <summary>A segmenter that knows this one's words and <paramref name="more"/>.</summary>
    public WordSegmenter With(IEnumerable<string> more) => new(_words.Concat(more), _preferred);

    /// <summary>The segments of <paramref name="label"/> (lower-cased) in order.</summary>
    public IReadOnlyList<WordSegment> Segment(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var segments = new List<WordSegment>();
        var text = label.ToLowerInvariant();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetter(text[i]))
            {
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }
                segments.AddRange(SegmentLetters(text[start..i]));
            }
            else if (char.IsDigit(text[i]))
            {
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }
                segments.Add(new WordSegment(text[start..i], false));
            }
            else
            {
                i++;
            }
        }
        return segments;
    }

    /// <summary>The segment texts of <paramref name="label"/>.</summary>
    public IReadOnlyList<string> Words(string label) => Segment(label).Select(s => s.Text).ToList();

    private List<WordSegment> SegmentLetters(string letters)
    {
        var n = letters.Length;
        var best = new double[n + 1];
        var from = new int[n + 1];
        var known = new bool[n + 1];
        for (var end = 1; end <= n; end++)
        {
            best[end] = double.PositiveInfinity;
            for (var start = end - 1; start >= 0; start--)
            {
                var length = end - start;
                var isWord = length <= MaxWordLength && _words.Contains(letters[start..end]);
                var cost = best[start] + (!isWord ? UnknownCost(length)
                    : _preferred.Contains(letters[start..end]) ? WordCost(length) - PreferredBonus
                    : WordCost(length));
                if (cost < best[end])
                {
                    best[end] = cost;
                    from[end] = start;
                    known[end] = isWord;
                }
            }
        }
        var segments = new List<WordSegment>();
        for (var end = n; end > 0; end = from[end])
        {
            segments.Add(new WordSegment(letters[from[end]..end], known[end]));
        }
        segments.Reverse();
        return segments;
    }

    private static HashSet<string> Normalize(IEnumerable<string> words) => new(
        words.Select(w => w.ToLowerInvariant()).Where(w => w.Length is > 0 and <= MaxWordLength),
        StringComparer.Ordinal);

    private static double WordCost(int length) => 1 + (length == 2 ? 0.5 : 0) - (0.01 * length * length);

    private static double UnknownCost(int length) => 2 + (0.5 * length);
}
