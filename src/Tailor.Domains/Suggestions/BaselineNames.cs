using Tailor.Domains.Names;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// The baseline's name builder: labels from keywords (the word alone, two-word compounds, and modifiers: get/try/my/go
/// + word, word + hq/app/hub/labs/ly), each on a top-level domain that alternates .com with the description's
/// fitting alternative (.shop for shops, .app for apps, .io for tech, else .co) and then .io/.co/.net/.app in turn.
/// </summary>
internal static class BaselineNames
{
    private static readonly string[] Prefixes = ["get", "try", "my", "go"];
    private static readonly string[] Suffixes = ["hq", "app", "hub", "labs", "ly"];
    private static readonly string[] CommonTlds = ["com", "io", "co", "net", "app"];

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
    /// <paramref name="count"/> distinct valid names built from <paramref name="keywords"/> (most telling first), on
    /// top-level domains fitting <paramref name="allWords"/> (every folded word of the description).
    /// </summary>
    public static IReadOnlyList<string> Build(IReadOnlyList<string> keywords, IReadOnlyCollection<string> allWords, int count)
    {
        var tlds = TopLevelDomains(allWords);
        var labels = Labels(keywords).Where(l => DomainSyntax.LabelProblem(l) is null).Distinct(StringComparer.Ordinal).ToList();
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string name)
        {
            if (names.Count < count && DomainSyntax.IsValid(name) && seen.Add(name))
            {
                names.Add(name);
            }
        }

        for (var i = 0; i < labels.Count && names.Count < count; i++)
        {
            // Every other name is a .com; the others walk through the alternatives.
            Add($"{labels[i]}.{(i % 2 == 0 ? "com" : tlds[1 + (i / 2 % (tlds.Count - 1))])}");
        }
        // Few keywords, many names: the same labels on the other top-level domains, then numbered.
        foreach (var tld in tlds)
        {
            foreach (var label in labels)
            {
                Add($"{label}.{tld}");
            }
        }
        for (var n = 1; names.Count < count; n++)
        {
            foreach (var label in labels)
            {
                Add($"{label}{n}.com");
            }
        }
        return names;
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
