using System.Reflection;

namespace Tailor.Evaluation.Metrics;

/// <summary>Reads the word lists and tables embedded under <c>Resources/</c> (manifest name "Tailor.Evaluation.dir/file").</summary>
internal static class MetricResources
{
    /// <summary>The lines of resource <paramref name="name"/> (e.g. "words/english.txt") as stored.</summary>
    public static IEnumerable<string> Lines(string name)
    {
        var assembly = typeof(MetricResources).Assembly;
        using var stream = assembly.GetManifestResourceStream("Tailor.Evaluation." + name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The whitespace-separated words of a '#'-commented list, in order, without duplicates.</summary>
    public static IReadOnlyList<string> Words(string name) =>
        Lines(name).Select(StripComment).SelectMany(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The non-empty lines of a '#'-commented table, each split into its words.</summary>
    public static IReadOnlyList<string[]> Rows(string name) =>
        Lines(name).Select(StripComment).Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0).ToList();

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }
}
