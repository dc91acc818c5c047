namespace Tailor.Domains.Suggestions;

/// <summary>
/// The content words of a description, most telling first: folded to lower-case ASCII (<see cref="AsciiText"/>),
/// without stop words, numbers or words under 3 or over 20 letters. Order: more frequent first; among equals, common
/// words before capitalised ones in mid-sentence (usually places and names: "Lyon"), then first appearance. Only the
/// first <see cref="MaxCharacters"/> characters are read: a description says what the business is early on, and a
/// 3,000-character one would otherwise cost more than the rest of the baseline together.
/// </summary>
public static class KeywordExtractor
{
    public const int MinLength = 3;
    public const int MaxLength = 20;
    public const int MaxCharacters = 1000;

    public static IReadOnlyList<string> Extract(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var stats = new Dictionary<string, (int Count, bool Proper, int First)>(StringComparer.Ordinal);
        var index = 0;
        foreach (var (raw, sentenceStart) in RawWords(description.Length > MaxCharacters ? description[..MaxCharacters] : description))
        {
            foreach (var word in AsciiText.Words(AsciiText.Fold(raw)))
            {
                if (word.Length < MinLength || word.Length > MaxLength || !word.Any(char.IsAsciiLetterLower) || StopWords.Contains(word))
                {
                    continue;
                }
                // Capitalised mid-sentence and not shouted in capitals: a name or a place.
                var proper = !sentenceStart && char.IsUpper(raw[0]) && raw.Any(char.IsLower);
                stats[word] = stats.TryGetValue(word, out var seen)
                    ? (seen.Count + 1, seen.Proper && proper, seen.First)
                    : (1, proper, index++);
            }
        }
        return stats
            .OrderByDescending(s => s.Value.Count)
            .ThenBy(s => s.Value.Proper)
            .ThenBy(s => s.Value.First)
            .Select(s => s.Key)
            .ToList();
    }

    /// <summary>Runs of letters, marks and digits, each with whether it opens a sentence.</summary>
    private static IEnumerable<(string Word, bool SentenceStart)> RawWords(string text)
    {
        var sentenceStart = true;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (text[start..i], sentenceStart);
                sentenceStart = false;
                start = -1;
            }
            if (i < text.Length && text[i] is '.' or '!' or '?' or '\n')
            {
                sentenceStart = true;
            }
        }
    }
}
