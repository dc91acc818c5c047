using System.Reflection;

namespace Tailor.Domains;

/// <summary>
/// Reads text resources embedded in an assembly (word lists, tables, lexicons): lines, '#'-commented word lists and
/// tables. Every project embeds <c>Resources/**</c> under "&lt;assembly&gt;.&lt;folder&gt;/&lt;file&gt;".
/// </summary>
public static class EmbeddedText
{
    /// <summary>The lines of resource <paramref name="name"/> in <paramref name="assembly"/>, as stored.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing (a packaging bug, not bad input).</exception>
    public static IEnumerable<string> Lines(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The whitespace-separated words of a '#'-commented list, in order, without duplicates.</summary>
    public static IReadOnlyList<string> Words(Assembly assembly, string name) =>
        Lines(assembly, name).Select(StripComment).SelectMany(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The non-empty lines of a '#'-commented table, each split into its words.</summary>
    public static IReadOnlyList<string[]> Rows(Assembly assembly, string name) =>
        Lines(assembly, name).Select(StripComment).Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0).ToList();

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }
}
