namespace Tailor.Evaluation.Metrics;

/// <summary>
/// A Porter-lite stemmer for relevance matching: plural endings first (-ies -> -y, -sses -> -ss, -es after s/x/z/ch/sh,
/// -s but not -ss/-us/-is), then up to two of -ing, -ed, -er, -y (each only while three letters stay; a doubled final
/// consonant left by -ing/-ed is undoubled), then a final -e. Both sides of a comparison go through it, so its
/// stems need not be words: bakeries, bakery, baker, baking, baked and bake all become "bak".
/// </summary>
public static class LiteStemmer
{
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.ToLowerInvariant();
        if (w.Length <= 3)
        {
            return w;
        }
        w = StripPlural(w);
        for (var round = 0; round < 2; round++)
        {
            var stripped = StripEnding(w);
            if (stripped == w)
            {
                break;
            }
            w = stripped;
        }
        return w.Length >= 4 && w.EndsWith('e') ? w[..^1] : w;
    }

    private static string StripPlural(string w)
    {
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }
        if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            return w[..^2];
        }
        if (w.Length > 4 && w.EndsWith("es", StringComparison.Ordinal) && EndsWithSibilant(w[..^2]))
        {
            return w[..^2];
        }
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal)
            && !w.EndsWith("is", StringComparison.Ordinal))
        {
            return w[..^1];
        }
        return w;
    }

    private static bool EndsWithSibilant(string w) =>
        w.EndsWith('s') || w.EndsWith('x') || w.EndsWith('z') || w.EndsWith("ch", StringComparison.Ordinal)
        || w.EndsWith("sh", StringComparison.Ordinal);

    private static string StripEnding(string w)
    {
        if (w.Length - 3 >= 3 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            return Undouble(w[..^3]);
        }
        if (w.Length - 2 >= 3 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            return Undouble(w[..^2]);
        }
        if (w.Length - 2 >= 3 && w.EndsWith("er", StringComparison.Ordinal))
        {
            return w[..^2];
        }
        if (w.Length - 1 >= 3 && w.EndsWith('y'))
        {
            return w[..^1];
        }
        return w;
    }

    private static string Undouble(string w) =>
        w.Length >= 2 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z') && !"aeiou".Contains(w[^1], StringComparison.Ordinal)
            ? w[..^1]
            : w;
}
