namespace Tailor.Domains.Real;

/// <summary>
/// Guesses the language of a short business description from counts of common function words. It only ever answers
/// a two-letter ISO 639-1 code, and "en" when nothing points elsewhere: the real descriptions are mostly English and a
/// wrong "en" costs less than a wrong anything else.
/// </summary>
public static class LanguageGuesser
{
    /// <summary>The answer when no other language wins clearly.</summary>
    public const string Default = "en";

    // Words frequent in one language and rare in the others (words shared across these languages, such as "de",
    // "en", "in", "a" or "la", are left out so that they cannot tip the vote).
    private static readonly (string Code, HashSet<string> Words)[] StopWords =
    [
        ("en", Set("the and of to is for with that are our we your from this by an which who")),
        ("fr", Set("le les des du une est pour avec dans sur qui nous vos votre aux ses pas plus sont")),
        ("es", Set("el los las del una es para con por que nuestra nuestro su sus como más está son")),
        ("de", Set("der die das und ist mit für von den dem ein eine wir ihre nicht auf zu sich")),
        ("nl", Set("het een van voor met zijn wij ons onze niet ook naar bij dat deze")),
        ("it", Set("il gli della delle di per con che sono una nostra nostro alla dei nel è")),
        ("pt", Set("os um uma não para com são nossa nosso seu sua pelo pela dos das é")),
    ];

    /// <summary>The two-letter code of <paramref name="text"/>'s most likely language, or <see cref="Default"/>.</summary>
    public static string Guess(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        var best = Default;
        var bestScore = 0;
        var englishScore = 0;
        foreach (var (code, stopWords) in StopWords)
        {
            var score = words.Count(stopWords.Contains);
            if (code == Default)
            {
                englishScore = score;
            }
            if (score > bestScore)
            {
                best = code;
                bestScore = score;
            }
        }
        // Two hits at least, and more than English: one stray "con" or "die" in an English text decides nothing.
        return bestScore >= 2 && bestScore > englishScore ? best : Default;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetter(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }

    private static HashSet<string> Set(string words) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
