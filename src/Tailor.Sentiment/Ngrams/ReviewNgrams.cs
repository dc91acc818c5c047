using System.Text.RegularExpressions;
using Tailor.Sentiment.Data;

namespace Tailor.Sentiment.Ngrams;

/// <summary>
/// The n-gram features of a review: lower-cased words (letters, digits, apostrophes) and the marks "!" and "?",
/// which carry sentiment; then every 1-, 2- and 3-gram, present or absent (binarized, as NBSVM does: how often a
/// phrase recurs in one review says little about the verdict). A feature is a 64-bit key: up to three word
/// ids of 21 bits each, so no string is built per n-gram.
/// </summary>
public static partial class ReviewNgrams
{
    /// <summary>Word ids use 21 bits (ids 1 … 2,097,151; 0 means "no word" in a shorter n-gram).</summary>
    public const int MaxWords = (1 << 21) - 1;

    public const int MaxOrder = 3;

    public static IEnumerable<string> Words(string review)
    {
        ArgumentNullException.ThrowIfNull(review);
        foreach (Match m in Word().Matches(ReviewText.Clean(review).ToLowerInvariant())) yield return m.Value;
    }

    /// <summary>The distinct n-gram keys of a review whose words are already ids (0 for unknown words).</summary>
    public static HashSet<long> Keys(IReadOnlyList<int> wordIds, int maxOrder = MaxOrder)
    {
        ArgumentNullException.ThrowIfNull(wordIds);
        var keys = new HashSet<long>();
        for (int i = 0; i < wordIds.Count; i++)
        {
            long key = 0;
            for (int n = 0; n < maxOrder && i + n < wordIds.Count; n++)
            {
                int id = wordIds[i + n];
                if (id == 0) break; // an unknown word ends the phrase: it was never a feature
                key |= (long)id << (21 * n);
                keys.Add(key);
            }
        }
        return keys;
    }

    [GeneratedRegex(@"[a-z0-9]+(?:'[a-z]+)*|[!?]", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
