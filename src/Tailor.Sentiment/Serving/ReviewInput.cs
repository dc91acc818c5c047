using System.Globalization;
using System.Text;

namespace Tailor.Sentiment.Serving;

/// <summary>
/// What <c>tailor classify</c> and <c>POST /v1/classify</c> accept as a review, in one place.
/// </summary>
/// <remarks>
/// The policy, in order:
/// <list type="number">
/// <item>Junk is cleaned, not rejected: control characters (U+0000–U+001F except tab, line feed and carriage
/// return; U+007F–U+009F) become spaces, and a lone UTF-16 surrogate becomes U+FFFD. A review pasted with a stray NUL
/// or escape sequence still has words worth classifying, and the tokenizer would only drop them anyway.</item>
/// <item>A review that is then empty or whitespace-only is refused ("empty review"): no text, no sentiment, and a
/// 50/50 answer would look like a prediction.</item>
/// <item>A review longer than <see cref="MaxCharacters"/> characters (Unicode scalar values, after cleaning) is
/// refused with the limit in the message, in the CLI as in the API (a batch file stops at the line, named
/// <c>file:line</c>), so both give the same answer to the same text. The model reads at most its window of
/// tokens (head + tail, see <see cref="Encoder.ReviewTokenizer"/>), so the limit only bounds tokenizer work and
/// request size: it is about seven times IMDB's longest review.</item>
/// </list>
/// </remarks>
public static class ReviewInput
{
    /// <summary>The longest review accepted, in characters (Unicode scalar values).</summary>
    public const int MaxCharacters = 100_000;

    /// <summary>The review as the model will see it: cleaned of control characters and checked.</summary>
    /// <exception cref="ReviewInputException">It is empty after cleaning, or longer than <see cref="MaxCharacters"/>.</exception>
    public static string Accept(string? text)
    {
        var cleaned = Clean(text ?? "");
        if (string.IsNullOrWhiteSpace(cleaned))
        {
            throw new ReviewInputException(ReviewInputProblem.Empty, "empty review");
        }
        var length = cleaned.EnumerateRunes().Count();
        if (length > MaxCharacters)
        {
            throw new ReviewInputException(ReviewInputProblem.TooLong, string.Create(CultureInfo.InvariantCulture,
                $"the review has {length:N0} characters; at most {MaxCharacters:N0} are accepted"));
        }
        return cleaned;
    }

    /// <summary>The text with control characters as spaces and lone surrogates as U+FFFD (step 1 of the policy).</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? cleaned = null;
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            char replacement;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                replacement = '\uFFFD';
            }
            else if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                replacement = ' ';
            }
            else
            {
                cleaned?.Append(c);
                continue;
            }
            // Copy lazily: almost every review is clean and comes back as the same string.
            cleaned ??= new StringBuilder(text.Length).Append(text, 0, i);
            cleaned.Append(replacement);
        }
        return cleaned?.ToString() ?? text;
    }
}
