using System.Text;
using Tailor.Sentiment.Data;

namespace Tailor.Sentiment.Ngrams;

/// <summary>
/// The character n-gram features of a review: the lower-cased text with runs of white space made one space and a
/// space at both ends (so "bad" at a word's start differs from "bad" inside one), then every distinct 2- to 5-gram of
/// characters, present or absent. They see what words miss: misspellings ("awsome"), word parts ("unwatch-"),
/// punctuation runs ("!!!", ":)"). A feature is the 64-bit FNV-1a hash of the n-gram: no string is built and no
/// vocabulary is kept (a collision among the few million n-grams of a corpus is vanishingly rare at 64 bits).
/// </summary>
public static class CharNgrams
{
    public const int DefaultMinOrder = 2;
    public const int DefaultMaxOrder = 5;

    /// <summary>The normalized text the n-grams are cut from.</summary>
    public static string Normalize(string review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var text = ReviewText.Clean(review);
        var s = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (s[^1] != ' ') s.Append(' ');
            }
            else s.Append(char.ToLowerInvariant(c));
        }
        if (s[^1] != ' ') s.Append(' ');
        return s.ToString();
    }

    /// <summary>The distinct n-gram hashes of a review, n from <paramref name="minOrder"/> to <paramref name="maxOrder"/>.</summary>
    public static HashSet<long> Keys(string review, int minOrder = DefaultMinOrder, int maxOrder = DefaultMaxOrder)
    {
        if (minOrder < 1 || maxOrder < minOrder) throw new ArgumentOutOfRangeException(nameof(minOrder), $"character n-gram orders {minOrder}-{maxOrder}: need 1 <= min <= max");
        var text = Normalize(review);
        var keys = new HashSet<long>();
        for (int i = 0; i < text.Length; i++)
        {
            // The hash of text[i..i+n) grows one character at a time, so each start costs maxOrder steps.
            ulong hash = OffsetBasis;
            for (int n = 1; n <= maxOrder && i + n <= text.Length; n++)
            {
                hash = (hash ^ text[i + n - 1]) * Prime;
                if (n >= minOrder) keys.Add((long)hash);
            }
        }
        return keys;
    }

    const ulong OffsetBasis = 14695981039346656037;
    const ulong Prime = 1099511628211;
}
