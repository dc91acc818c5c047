using Tailor.Domains.Names;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// Lexical relevance of a name to a description. The description's content words (letters only, stop words removed,
/// <see cref="LiteStemmer"/> stems) are compared with the name's content words: the segments of its registrable label
/// (<see cref="WordSegmenter"/>, on the Unicode form of punycode labels) minus brand modifiers ("get", "hq", "ly"...) and stop words, unknown chunks of three
/// or more letters included, plus the top-level label when it is a meaningful word (".bakery", ".pizza"; not ".com",
/// ".io"...).
/// <para>Score = (sum of credits) / (number of content words), 0 when the name has none; a content word earns 1 when
/// its stem is a description stem or a synonym of one (Resources/words/synonyms.txt), else 0.5 when it shares a prefix
/// of at least 4 letters with a description stem or word, else 0.</para>
/// </summary>
public static class Relevance
{
    private const int PrefixLength = 4;

    private static readonly Lazy<HashSet<string>> StopWords = new(() =>
        new HashSet<string>(MetricResources.Words("words/stopwords.txt"), StringComparer.Ordinal));

    private static readonly Lazy<HashSet<string>> Modifiers = new(() =>
        new HashSet<string>(WordSegmenter.Modifiers, StringComparer.Ordinal));

    /// <summary>Stem -> the stems of every synonym group it belongs to.</summary>
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Synonyms = new(LoadSynonyms);

    /// <summary>Top-level labels that are words but say nothing about a business.</summary>
    private static readonly HashSet<string> GenericTopLevels = new(StringComparer.Ordinal)
    {
        "com", "net", "org", "info", "biz", "co", "io", "ai", "app", "dev", "xyz", "online", "site", "top", "pro", "me",
        "tv", "us", "eu", "name", "mobi", "website", "world", "life", "live", "one", "global", "now", "club", "space",
    };

    /// <summary>The relevance of <paramref name="domain"/> to <paramref name="description"/>.</summary>
    public static RelevanceScore Score(string description, string domain)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(domain);
        var descriptionWords = ContentWords(description);
        var stems = descriptionWords.Select(LiteStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var (label, topLevel) = DomainParts.Of(domain);
        var domainWords = WordSegmenter.Default.Segment(label);
        var content = domainWords.Where(IsContent).Select(s => s.Text).ToList();
        if (topLevel.Length >= 3 && !GenericTopLevels.Contains(topLevel)
            && WordSegmenter.Default.IsWord(topLevel))
        {
            content.Add(topLevel);
        }
        var matched = new List<string>();
        var total = 0.0;
        foreach (var word in content)
        {
            var credit = Credit(word, stems, descriptionWords);
            total += credit;
            if (credit > 0)
            {
                matched.Add(word);
            }
        }
        var score = content.Count == 0 ? 0 : total / content.Count;
        return new RelevanceScore(score, domainWords.Select(s => s.Text).ToList(), matched);
    }

    /// <summary>The lower-case content words of <paramref name="text"/>: letter runs of 2+ letters minus stop words.</summary>
    public static IReadOnlyList<string> ContentWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Tokens(text).Where(t => t.Length >= 2 && !StopWords.Value.Contains(t)).ToList();
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isLetter = i < text.Length && char.IsLetter(text[i]);
            if (isLetter && start < 0)
            {
                start = i;
            }
            else if (!isLetter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static bool IsContent(WordSegment segment) =>
        segment.Text.All(char.IsLetter)
        && (segment.IsKnown
            ? !Modifiers.Value.Contains(segment.Text) && !StopWords.Value.Contains(segment.Text)
            : segment.Text.Length >= 3);

    private static double Credit(string word, HashSet<string> stems, IReadOnlyList<string> descriptionWords)
    {
        var stem = LiteStemmer.Stem(word);
        if (stems.Contains(stem)
            || (Synonyms.Value.TryGetValue(stem, out var synonyms) && synonyms.Overlaps(stems)))
        {
            return 1;
        }
        var sharesPrefix = stems.Concat(descriptionWords).Any(d => CommonPrefix(d, word) >= PrefixLength);
        return sharesPrefix ? 0.5 : 0;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }
        return n;
    }

    private static Dictionary<string, HashSet<string>> LoadSynonyms()
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in MetricResources.Rows("words/synonyms.txt"))
        {
            var stems = group.Select(LiteStemmer.Stem).ToList();
            foreach (var stem in stems)
            {
                if (!map.TryGetValue(stem, out var set))
                {
                    map[stem] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.UnionWith(stems);
            }
        }
        return map;
    }
}
