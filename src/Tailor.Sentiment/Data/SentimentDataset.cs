using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Tailor.Sentiment.Data;

/// <summary>
/// Reads sentiment JSON Lines (<c>{"text": "...", "label": 0|1}</c> per line), plain or gzip-compressed
/// (a name ending in <c>.gz</c>). A bad line fails the whole read with <c>file:line</c> in the message,
/// because a silently skipped row would change the measured accuracy without anyone noticing.
/// </summary>
public static class SentimentDataset
{
    /// <summary>Reads the examples of <paramref name="path"/>, at most <paramref name="limit"/> of them when given.</summary>
    /// <exception cref="InvalidDataException">A line is not JSON, has no string <c>text</c>, or a label other than 0 or 1.</exception>
    public static IReadOnlyList<SentimentExample> Read(string path, int? limit = null) => Read(path, limit, labelled: true);

    /// <summary>
    /// The texts of a file whose rows need no label (IMDB's <c>unsup</c> split, <c>{"text": ...}</c>); a label,
    /// where present, is ignored. Errors name the file and line as <see cref="Read(string, int?)"/> does.
    /// </summary>
    public static IReadOnlyList<string> ReadTexts(string path, int? limit = null) =>
        [.. Read(path, limit, labelled: false).Select(e => e.Text)];

    private static List<SentimentExample> Read(string path, int? limit, bool labelled)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be zero or more.");
        }
        var examples = new List<SentimentExample>();
        using var stream = Open(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lineNumber = 0;
        while ((limit is null || examples.Count < limit) && reader.ReadLine() is { } line)
        {
            lineNumber++;
            // A blank line (e.g. a trailing newline pair) carries no row; anything else must parse.
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            examples.Add(Parse(line, path, lineNumber, labelled));
        }
        return examples;
    }

    private static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
    }

    private static SentimentExample Parse(string line, string path, int lineNumber, bool labelled)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw Bad(path, lineNumber, "not valid JSON (" + e.Message + ")");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, lineNumber, "not a JSON object");
            }
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw Bad(path, lineNumber, "missing string \"text\"");
            }
            if (!labelled)
            {
                return new SentimentExample(text.GetString()!, SentimentExample.Negative);
            }
            if (!root.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.Number
                || !label.TryGetInt32(out var value) || value is not (SentimentExample.Negative or SentimentExample.Positive))
            {
                throw Bad(path, lineNumber, "\"label\" must be 0 or 1, got " + (label.ValueKind == JsonValueKind.Undefined ? "nothing" : label.GetRawText()));
            }
            return new SentimentExample(text.GetString()!, value);
        }
    }

    private static InvalidDataException Bad(string path, int lineNumber, string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}:{lineNumber}: {reason}"));
}
