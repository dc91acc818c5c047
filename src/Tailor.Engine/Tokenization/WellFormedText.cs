using System.Text;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// Repairs text that is not valid UTF-16 before a tokenizer normalizes it. A lone surrogate (legal in a .NET string,
/// and in JSON as "\ud800") makes <see cref="string.Normalize()"/> throw, so one stray character in a review would
/// fail the whole request or training run; it becomes U+FFFD, the replacement character, as a UTF-8 decoder would
/// make it.
/// </summary>
public static class WellFormedText
{
    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (IsPair(text, i))
            {
                i++;
                continue;
            }
            return Rebuild(text);
        }
        return text;
    }

    static bool IsPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    static string Rebuild(string text)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (IsPair(text, i))
            {
                result.Append(text, i, 2);
                i++;
            }
            else
            {
                result.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }
        return result.ToString();
    }
}
