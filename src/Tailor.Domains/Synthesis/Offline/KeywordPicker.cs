using System.Collections.Concurrent;
using Tailor.Domains.Synthesis.Naming;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// Chooses the naming keywords for a row from what its description actually says, so the reference names stay
/// relevant: words of the industry's offerings, nouns, the business model and the place that occur in the clean
/// description text, in order of first appearance, then a few of the industry's theme words (synonyms a namer
/// would reach for: "crumb", "loaf" for a bakery).
/// </summary>
internal static class KeywordPicker
{
    private const int ThemeWords = 3;

    // Words that describe any business and make weak name parts.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "company", "business", "service", "services", "startup", "firm", "practice", "team", "provider", "family",
        "run", "based", "small", "new", "online", "independent", "full", "one", "person", "side", "two", "room",
        "growing", "several", "locations", "that", "connects", "buyers", "sellers", "style", "only", "direct",
        "consumer", "worker", "owned", "kids", "custom", "natural", "monthly", "une", "un", "au", "aux", "del", "al",
        "einen", "eine", "ein", "auf", "para", "pour", "sur",
    };

    // Lexicon phrases repeat across rows: split each once.
    private static readonly ConcurrentDictionary<string, List<string>> PhraseWords = new(StringComparer.Ordinal);

    private static List<string> WordsOf(string phrase) => PhraseWords.GetOrAdd(phrase, p => NameWords.Split([p]));

    public static List<string> Pick(CompanyProfile company, string cleanText, IReadOnlyList<string> extraPhrases, Random random)
    {
        var textWords = NameWords.Split([cleanText]);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < textWords.Count; i++)
        {
            position.TryAdd(textWords[i], i);
        }
        var phrases = new List<string>();
        phrases.AddRange(extraPhrases);
        phrases.AddRange(company.Industry.Offerings);
        phrases.AddRange(company.Industry.Nouns);
        phrases.AddRange(company.Model.Phrases);
        if (company.Foreign is { } foreign)
        {
            phrases.AddRange(foreign.Offerings);
            phrases.AddRange(foreign.Nouns);
        }
        var mentioned = phrases.SelectMany(WordsOf).Distinct(StringComparer.Ordinal)
            .Where(w => w.Length >= 3 && !Generic.Contains(w) && position.ContainsKey(w))
            .OrderBy(w => position[w])
            .ToList();
        var place = NameWords.Fold(company.Place.Name);
        if (place.Length is > 0 and <= 10 && NameWords.Fold(cleanText).Contains(place, StringComparison.Ordinal))
        {
            mentioned.Add(place);
        }
        // A French bakery's theme words are "pain", "levain": names in the description's own language.
        var themes = company.Foreign?.Keywords ?? company.Industry.Keywords;
        var keywords = mentioned.Take(4).ToList();
        foreach (var theme in random.PickDistinct(themes, ThemeWords))
        {
            if (!keywords.Contains(theme))
            {
                keywords.Add(theme);
            }
        }
        keywords.AddRange(mentioned.Skip(4).Where(w => !keywords.Contains(w)));
        return keywords;
    }
}
