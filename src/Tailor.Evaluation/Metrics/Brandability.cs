using Tailor.Domains.Names;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// How brandable a name is, from its registrable label L (the part before the public suffix, in Unicode for punycode
/// labels) and its top-level label:
/// <list type="bullet">
/// <item>length fit: 1 for 5-12 characters, n/5 below (4 -> 0.8), 1 - (n - 12)/12 above, never below 0;</item>
/// <item>cleanliness: 0.75^digits times 0.6^hyphens (digits and hyphens are misheard and mistyped);</item>
/// <item>pronounceability over L's letters (vowels aeiouy): 1 - 0.25 per consonant beyond 2 in the longest consonant
/// run - 0.25 per vowel beyond 2 in the longest vowel run, times a vowel-ratio factor that is 1 for ratios in
/// [0.25, 0.65] and falls by 4 per unit of distance outside (no vowels at all: 0), clamped to [0, 1]; 0 for a label without letters;</item>
/// <item>dictionary share: share of L's characters covered by known words (<see cref="WordSegmenter"/>);</item>
/// <item>top-level fit: .com 1; .net .org .io .co .ai .app .dev 0.8; other popular gTLDs 0.6; two-letter country codes
/// 0.6; anything else 0.4.</item>
/// </list>
/// Score = 0.25 length + 0.15 cleanliness + 0.25 pronounceability + 0.2 dictionary share + 0.15 top-level fit.
/// </summary>
public static class Brandability
{
    private static readonly HashSet<string> GoodTopLevels = new(StringComparer.Ordinal)
    {
        "net", "org", "io", "co", "ai", "app", "dev",
    };

    private static readonly HashSet<string> PopularTopLevels = new(StringComparer.Ordinal)
    {
        "shop", "store", "online", "site", "tech", "xyz", "info", "biz", "me", "tv", "studio", "design", "cafe",
        "pizza", "art", "blog", "cloud", "agency", "health", "law", "travel", "bakery", "coffee", "fitness", "club",
    };

    public static BrandabilityScore Score(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var (label, topLevel) = DomainParts.Of(domain);

        var lengthFit = LengthFit(label.Length);
        var cleanliness = Math.Pow(0.75, label.Count(char.IsDigit)) * Math.Pow(0.6, label.Count(c => c == '-'));
        var pronounceability = Pronounceability(label);
        var dictionaryShare = DictionaryShare(label);
        var topLevelFit = TopLevelFit(topLevel);
        var score = (0.25 * lengthFit) + (0.15 * cleanliness) + (0.25 * pronounceability) + (0.2 * dictionaryShare)
            + (0.15 * topLevelFit);
        return new BrandabilityScore(score, label.Length, lengthFit, cleanliness, pronounceability, dictionaryShare, topLevelFit);
    }

    public static double LengthFit(int length) => length switch
    {
        < 5 => length / 5.0,
        <= 12 => 1,
        _ => Math.Max(0, 1 - ((length - 12) / 12.0)),
    };

    public static double Pronounceability(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var letters = label.Where(char.IsLetter).Select(char.ToLowerInvariant).ToList();
        if (letters.Count == 0)
        {
            return 0;
        }
        int longestConsonants = 0, longestVowels = 0, consonants = 0, vowels = 0, vowelCount = 0;
        foreach (var c in letters)
        {
            if (IsVowel(c))
            {
                vowelCount++;
                vowels++;
                consonants = 0;
            }
            else
            {
                consonants++;
                vowels = 0;
            }
            longestConsonants = Math.Max(longestConsonants, consonants);
            longestVowels = Math.Max(longestVowels, vowels);
        }
        var runs = 1 - (0.25 * Math.Max(0, longestConsonants - 2)) - (0.25 * Math.Max(0, longestVowels - 2));
        var ratio = (double)vowelCount / letters.Count;
        var outside = ratio < 0.25 ? 0.25 - ratio : ratio > 0.65 ? ratio - 0.65 : 0;
        return Math.Clamp(runs * (1 - (4 * outside)), 0, 1);
    }

    private static double DictionaryShare(string label)
    {
        if (label.Length == 0)
        {
            return 0;
        }
        var covered = WordSegmenter.Default.Segment(label).Where(s => s.IsKnown).Sum(s => s.Text.Length);
        return (double)covered / label.Length;
    }

    private static double TopLevelFit(string topLevel) => topLevel switch
    {
        "com" => 1,
        _ when GoodTopLevels.Contains(topLevel) => 0.8,
        _ when PopularTopLevels.Contains(topLevel) => 0.6,
        { Length: 2 } when topLevel.All(char.IsAsciiLetter) => 0.6,
        _ => 0.4,
    };

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
