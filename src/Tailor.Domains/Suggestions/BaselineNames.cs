using Tailor.Domains.Names;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// The baseline's name builder: labels from keywords (the word alone, two-word compounds, and modifiers: get/try/my/go
/// + word, word + hq/app/hub/labs/ly), each on a top-level domain that alternates .com with the description's
/// fitting alternative (.shop for shops, .app for apps, .io for tech, else .co) and then .io/.co/.net/.app in turn.
/// A request's options shape this: requested suffixes replace that list (taken in turn); a length limit keeps only
/// labels that fit and adds shorter ones (keywords cut to the limit, blends of two keywords' heads) so the count can
/// still be met; labels with an excluded word are never built; included words lead the keywords, so they appear
/// alone and in compounds, and labels holding one rank first; the keyword style ranks the plain words and their
/// compounds before the modified forms.
/// </summary>
internal static class BaselineNames
{
    private static readonly string[] Prefixes = ["get", "try", "my", "go"];
    private static readonly string[] Suffixes = ["hq", "app", "hub", "labs", "ly"];
    private static readonly string[] CommonTlds = ["com", "io", "co", "net", "app"];

    /// <summary>Numbered labels stop here: past it no request with a sane count is still short of names.</summary>
    private const int MaxNumber = 10_000;

    private static readonly HashSet<string> ShopWords = new(
        ["shop", "shops", "store", "stores", "boutique", "market", "marketplace", "retail", "retailer", "ecommerce", "webshop",
         "outlet", "bakery", "florist", "deli", "tienda", "laden", "magasin", "epicerie", "selling", "sells", "sell"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> AppWords = new(["app", "apps", "mobile", "iphone", "android", "application", "aplicacion"], StringComparer.Ordinal);

    private static readonly HashSet<string> TechWords = new(
        ["software", "saas", "api", "cloud", "data", "developer", "developers", "devops", "analytics", "platform", "startup", "tech",
         "automation", "cybersecurity", "blockchain", "crypto", "machine", "learning", "robotics", "code", "coding"],
        StringComparer.Ordinal);

    /// <summary>
    /// Up to <paramref name="count"/> distinct valid names built from <paramref name="include"/> (folded words the
    /// client wants) and <paramref name="keywords"/> (most telling first, none with an excluded word), on
    /// <paramref name="constraints"/>' suffixes or else top-level domains fitting <paramref name="allWords"/> (every
    /// folded word of the description). Fewer only when the constraints leave no more (a limit of one character).
    /// </summary>
    public static IReadOnlyList<string> Build(
        IReadOnlyList<string> keywords, IReadOnlyCollection<string> allWords, int count, NameConstraints constraints, NameStyle style, IReadOnlyList<string> include)
    {
        var tlds = constraints.Tlds.Count > 0 ? constraints.Tlds.ToList() : TopLevelDomains(allWords);
        var words = include.Concat(keywords).Distinct(StringComparer.Ordinal).ToList();
        var labels = Ranked(Candidates(words, constraints.MaxLength), words, style, include)
            .Where(l => DomainSyntax.LabelProblem(l) is null && constraints.LabelProblem(l) is null)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var names = new List<string>(Math.Min(count, 1000));
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string label, string tld)
        {
            var name = $"{label}.{tld}";
            if (names.Count < count && constraints.LabelProblem(label) is null && DomainSyntax.IsValid(name) && seen.Add(name))
            {
                names.Add(name);
            }
        }

        for (var i = 0; i < labels.Count && names.Count < count; i++)
        {
            // Every other name is a .com; the others walk through the alternatives. Requested suffixes take turns.
            Add(labels[i], constraints.Tlds.Count > 0 ? tlds[i % tlds.Count] : i % 2 == 0 ? "com" : tlds[1 + (i / 2 % (tlds.Count - 1))]);
        }
        // Few keywords, many names: the same labels on the other top-level domains, then numbered.
        foreach (var tld in tlds)
        {
            foreach (var label in labels)
            {
                Add(label, tld);
            }
        }
        for (var n = 1; names.Count < count && labels.Count > 0 && n <= MaxNumber; n++)
        {
            var digits = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var room = (constraints.MaxLength ?? DomainSyntax.MaxLabelLength) - digits.Length;
            if (room < 1)
            {
                break;
            }
            foreach (var label in labels)
            {
                Add((label.Length <= room ? label : label[..room].TrimEnd('-')) + digits, tlds[0]);
            }
        }
        return names;
    }

    /// <summary>
    /// The labels to try, best first: <see cref="Labels"/>, then, under a length limit, shorter forms: each word cut
    /// to the limit and blends of two words' heads ("bakery" + "lyon" at 8: "bakelyon").
    /// </summary>
    private static IEnumerable<string> Candidates(IReadOnlyList<string> words, int? maxLength)
    {
        var labels = Labels(words);
        return maxLength is { } max ? labels.Concat(ShortForms(words, max)) : labels;
    }

    private static IEnumerable<string> ShortForms(IReadOnlyList<string> words, int max)
    {
        var top = words.Take(4).ToList();
        foreach (var word in top)
        {
            if (word.Length > max)
            {
                yield return word[..max].TrimEnd('-');
            }
            foreach (var other in top.Where(o => !string.Equals(o, word, StringComparison.Ordinal)))
            {
                // The second word keeps up to half the room, the first takes the rest; both keep at least two letters.
                var second = Math.Min(other.Length, max / 2);
                var first = Math.Min(word.Length, max - second);
                second = Math.Min(other.Length, max - first);
                if (first >= 2 && second >= 2)
                {
                    yield return word[..first].TrimEnd('-') + other[..second].TrimEnd('-');
                }
            }
        }
    }

    /// <summary>
    /// The keyword style puts the plain words and their two-word compounds before modified forms; labels holding an
    /// included word go first whatever the style. Both sorts are stable, so the generation order stands within a group.
    /// </summary>
    private static IEnumerable<string> Ranked(IEnumerable<string> labels, IReadOnlyList<string> words, NameStyle style, IReadOnlyList<string> include)
    {
        if (style == NameStyle.Keyword)
        {
            var top = words.Take(4).ToList();
            var plain = top.Concat(top.SelectMany(a => top.Where(b => !string.Equals(a, b, StringComparison.Ordinal)).Select(b => a + b)))
                .ToHashSet(StringComparer.Ordinal);
            labels = labels.OrderBy(l => plain.Contains(l) ? 0 : 1);
        }
        if (include.Count > 0)
        {
            labels = labels.OrderBy(l => include.Any(w => l.Contains(w, StringComparison.Ordinal)) ? 0 : 1);
        }
        return labels;
    }

    /// <summary>".com" first, the description's fitting alternative second, then the common ones.</summary>
    private static List<string> TopLevelDomains(IReadOnlyCollection<string> allWords)
    {
        var fitting = allWords.Any(ShopWords.Contains) ? "shop"
            : allWords.Any(AppWords.Contains) ? "app"
            : allWords.Any(TechWords.Contains) ? "io"
            : "co";
        return new[] { "com", fitting }.Concat(CommonTlds).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Per keyword: the word, then its compounds with the later keywords alternating with its modified forms. The
    /// keywords' lists are merged round by round, two labels from the first keyword's to one from each other's.
    /// </summary>
    private static IEnumerable<string> Labels(IReadOnlyList<string> keywords)
    {
        var top = keywords.Take(4).ToList();
        var lists = top.Select((word, k) =>
        {
            var compounds = top.Where((_, other) => other != k).Select(other => word + other);
            var modifiers = Prefixes.Select(p => p + word).Interleave(Suffixes.Select(s => word + s));
            return new[] { word }.Concat(compounds.Interleave(modifiers)).GetEnumerator();
        }).ToList();
        try
        {
            var any = true;
            while (any)
            {
                any = false;
                for (var k = 0; k < lists.Count; k++)
                {
                    for (var take = k == 0 ? 2 : 1; take > 0 && lists[k].MoveNext(); take--)
                    {
                        any = true;
                        yield return lists[k].Current;
                    }
                }
            }
        }
        finally
        {
            lists.ForEach(list => list.Dispose());
        }
    }

    private static IEnumerable<string> Interleave(this IEnumerable<string> first, IEnumerable<string> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        bool hasA = a.MoveNext(), hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasA)
            {
                yield return a.Current;
                hasA = a.MoveNext();
            }
            if (hasB)
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }
}
