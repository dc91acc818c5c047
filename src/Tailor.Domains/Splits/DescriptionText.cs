using System.Text;

namespace Tailor.Domains.Splits;

/// <summary>
/// The form of a description that duplicate detection compares: NFKC, lower-case, letters and digits only, runs of
/// anything else collapsed to one space. "Hello, World!" and "hello world" are the same text here.
/// </summary>
public static class DescriptionText
{
    public static string Normalize(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var builder = new StringBuilder(description.Length);
        var pendingSpace = false;
        foreach (var c in description.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                builder.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The key under which exact duplicates meet: the normalized text, or the trimmed original when normalizing
    /// leaves nothing (an emoji-only description is not a duplicate of every other emoji-only description).
    /// </summary>
    public static string ExactKey(string description)
    {
        var normalized = Normalize(description);
        return normalized.Length > 0 ? normalized : "\u0000" + description.Trim();
    }
}
