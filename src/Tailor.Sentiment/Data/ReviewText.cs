using System.Text.RegularExpressions;

namespace Tailor.Sentiment.Data;

/// <summary>Cleans a raw review before featurizing: IMDB texts keep the site's HTML line breaks, which are layout, not words.</summary>
public static partial class ReviewText
{
    /// <summary>The text with every <c>&lt;br /&gt;</c> (any spacing or case) replaced by a space.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return LineBreak().Replace(text, " ");
    }

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();
}
