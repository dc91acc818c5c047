namespace Tailor.Domains.Synthesis.Offline;

/// <summary>Small English grammar helpers for the description writers.</summary>
internal static class EnglishPhrases
{
    /// <summary>"a bakery", "an AI startup", "an organic farm".</summary>
    public static string A(string noun) =>
        noun.Length > 0 && "aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "an " + noun : "a " + noun;

    /// <summary>"x", "x and y", "x, y and z".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
