using Tailor.Domains.Data;

namespace Tailor.Domains.Guard;

/// <summary>
/// A short, high-precision list of terms for the two most severe categories (child exploitation and terrorism) that
/// block on their own, whatever the classifier scores: named terror groups and unambiguous words for abuse material.
/// Matched word by word on <see cref="SafetyTextNormalizer">normalized</see> text, so disguises do not help; a trailing
/// '*' lets the last word go on. Words that also appear in protective contexts ("child abuse" charities, "grooming"
/// prevention, "terrorism" studies) are deliberately left to the classifier.
/// </summary>
public static class SevereTermBackstop
{
    private static readonly (string Category, string[] Words)[] Terms = Parse(new Dictionary<string, string>
    {
        [SafetyCategories.ChildExploitation] =
            "csam | child sexual abuse material | child porn* | childporn* | kiddie porn* | pedoporn* | pedophil* | paedophil* | " +
            "underage escort* | child sex tourism | sexual images of minors | underage explicit | pornografia infantil | " +
            "pedopornograph* | kinderporn* | escortes mineures | menores de edad explicit*",
        [SafetyCategories.Terrorism] =
            "isis | daesh | daech | al qaeda | al qaida | alqaeda | al shabaab | boko haram | jihadist* | jihadi | djihadist* | " +
            "yihadist* | dschihadist* | terror cell* | terrorist organisation* | terrorist organization* | estado islamico",
    });

    /// <summary>The category of the first backstop term in <paramref name="description"/>, or null.</summary>
    public static string? Find(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var words = FeatureHasher.Words(SafetyTextNormalizer.Normalize(description));
        foreach (var (category, term) in Terms)
        {
            for (var start = 0; start + term.Length <= words.Count; start++)
            {
                if (term.Select((word, j) => Matches(word, words[start + j])).All(match => match))
                {
                    return category;
                }
            }
        }
        return null;
    }

    private static bool Matches(string termWord, string word) =>
        termWord.EndsWith('*') ? word.StartsWith(termWord[..^1], StringComparison.Ordinal) : word == termWord || word == termWord + "s";

    private static (string, string[])[] Parse(Dictionary<string, string> terms) =>
        terms.SelectMany(entry => entry.Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(term => (entry.Key, term.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(raw => SafetyTextNormalizer.Normalize(raw.TrimEnd('*')) + (raw.EndsWith('*') ? "*" : ""))
                    .ToArray())))
            .ToArray();
}
