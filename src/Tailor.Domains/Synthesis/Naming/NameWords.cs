using System.Text;

namespace Tailor.Domains.Synthesis.Naming;

/// <summary>
/// Turns free-text keywords into the ASCII word parts names are built from: accents folded ("café" -> "cafe"),
/// ligatures spelled out ("Straße" -> "strasse"), everything but a-z and 0-9 dropped, multi-word keywords split.
/// </summary>
internal static class NameWords
{
    /// <summary>Word parts longer than this are cut, so no single keyword swallows the label budget.</summary>
    public const int MaxWordLength = 12;

    // Filler that makes poor name parts even when a keyword phrase contains it.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "at", "de", "la", "le", "les", "du",
        "des", "el", "los", "las", "y", "et", "und", "der", "die", "das", "mit", "von", "our", "your", "free",
        "inc", "llc", "ltd", "gmbh", "sarl", "sl", "sa", "ag", "plc", "corp",
    };

    /// <summary>The distinct name parts of <paramref name="keywords"/>, in keyword order (most important first).</summary>
    public static List<string> Split(IEnumerable<string> keywords)
    {
        var parts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in keywords)
        {
            foreach (var piece in (keyword ?? "").Split(SplitCharacters, StringSplitOptions.RemoveEmptyEntries))
            {
                var word = Fold(piece);
                if (word.Length > MaxWordLength)
                {
                    word = word[..MaxWordLength];
                }
                if (word.Length >= 2 && !Filler.Contains(word) && seen.Add(word))
                {
                    parts.Add(word);
                }
            }
        }
        return parts;
    }

    /// <summary>A company name as one label part: "Zentrix Labs, Inc." -> "zentrixlabs" (legal forms and filler dropped).</summary>
    public static string CompanyLabel(string companyName)
    {
        var parts = (companyName ?? "").Split(SplitCharacters, StringSplitOptions.RemoveEmptyEntries)
            .Select(Fold)
            .Where(w => w.Length > 0 && !Filler.Contains(w));
        return string.Concat(parts);
    }

    /// <summary>Lower-case ASCII letters and digits only; accents folded, ß/æ/œ/ø spelled out.</summary>
    public static string Fold(string text)
    {
        if (text.All(char.IsAscii))
        {
            // Fast path for the common case: no accents to fold, just keep lower-cased letters and digits.
            return string.Create(text.Count(char.IsAsciiLetterOrDigit), text, static (span, source) =>
            {
                var at = 0;
                foreach (var c in source)
                {
                    if (char.IsAsciiLetterOrDigit(c))
                    {
                        span[at++] = char.ToLowerInvariant(c);
                    }
                }
            });
        }
        var spelled = text.ToLowerInvariant()
            .Replace("ß", "ss", StringComparison.Ordinal)
            .Replace("æ", "ae", StringComparison.Ordinal)
            .Replace("œ", "oe", StringComparison.Ordinal)
            .Replace("ø", "o", StringComparison.Ordinal)
            .Replace("ł", "l", StringComparison.Ordinal)
            .Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(spelled.Length);
        foreach (var c in spelled)
        {
            // Decomposed accents (non-spacing marks) and every other non-ASCII character fall away here.
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static readonly char[] SplitCharacters =
        [' ', '-', '_', '/', ',', '.', '&', '+', '\'', '’', ':', ';', '(', ')', '!', '?', '"', '\t', '\n', '\r'];
}
