namespace Tailor.Domains.Safety;

/// <summary>
/// Template text whose key terms are marked with square brackets ("an online store selling [cocaine]"): the marks say
/// which words an obfuscated variant disguises, and they never reach a dataset row.
/// </summary>
internal static class MarkedText
{
    /// <summary>The text without its marks.</summary>
    public static string Plain(string marked) => marked.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    /// <summary>The first marked term, or the whole plain text when nothing is marked.</summary>
    public static string KeyTerm(string marked)
    {
        var open = marked.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : marked.IndexOf(']', open);
        return close < 0 ? Plain(marked) : marked[(open + 1)..close];
    }

    /// <summary>The plain text with every marked term replaced by <paramref name="transform"/> of it.</summary>
    public static string Transform(string marked, Func<string, string> transform)
    {
        var parts = marked.Split('[');
        var result = new System.Text.StringBuilder(parts[0]);
        foreach (var part in parts.Skip(1))
        {
            var close = part.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new DomainDataException($"safety content: unclosed '[' in \"{marked}\".");
            }
            result.Append(transform(part[..close])).Append(part[(close + 1)..]);
        }
        return result.ToString();
    }

    /// <summary>Upper-cases the first letter (looking past a mark), as a sentence that starts with a template needs.</summary>
    public static string Capitalize(string marked)
    {
        var first = marked.StartsWith('[') ? 1 : 0;
        return marked.Length > first && char.IsLower(marked[first])
            ? string.Concat(marked.AsSpan(0, first), char.ToUpperInvariant(marked[first]).ToString(), marked.AsSpan(first + 1))
            : marked;
    }
}
