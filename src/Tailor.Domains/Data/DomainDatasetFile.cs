using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tailor.Domains.Data;

/// <summary>
/// Reads and writes domain datasets as JSON Lines (UTF-8, no BOM, "\n" line ends, fields in schema order), so the
/// same rows always give the same bytes. Every row is checked with <see cref="DomainExampleRules"/>.
/// </summary>
public static class DomainDatasetFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Keep accents and scripts readable in the files; JSON stays valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Streams the rows of <paramref name="path"/>; blank lines are skipped.</summary>
    /// <exception cref="DomainDataException">The file is missing, or a line is not a sound row ("file:line: why").</exception>
    public static IEnumerable<DomainExample> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DomainDataException($"{path}: dataset file not found.");
        }
        return ReadLines(path);
    }

    private static IEnumerable<DomainExample> ReadLines(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            yield return Parse(line, $"{path}:{lineNumber}");
        }
    }

    /// <summary>Parses one JSON line; <paramref name="where"/> ("file:line") prefixes any error.</summary>
    public static DomainExample Parse(string line, string where)
    {
        DomainExample? example;
        try
        {
            example = JsonSerializer.Deserialize<DomainExample>(line, Json);
        }
        catch (JsonException e)
        {
            throw new DomainDataException($"{where}: not a dataset row: {e.Message}", e);
        }
        if (example is null)
        {
            throw new DomainDataException($"{where}: not a dataset row: expected a JSON object.");
        }
        var problem = DomainExampleRules.Problem(example);
        return problem is null ? example : throw new DomainDataException($"{where}: {problem}.");
    }

    /// <summary>One row as its JSON line (no line end).</summary>
    public static string Format(DomainExample example) => JsonSerializer.Serialize(example, Json);

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically (a temp file, then a rename).</summary>
    public static void Write(string path, IEnumerable<DomainExample> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = path + ".partial";
        using (var writer = new StreamWriter(temp, append: false, Utf8NoBom))
        {
            writer.NewLine = "\n";
            foreach (var row in rows)
            {
                writer.WriteLine(Format(row));
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Opens <paramref name="path"/> for appending rows one at a time (flushed per row), as resumable jobs write.
    /// A torn last line from a killed run is cut off first so the file stays readable.
    /// </summary>
    public static StreamWriter OpenAppend(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        TrimTornLastLine(path);
        var writer = new StreamWriter(path, append: true, Utf8NoBom) { NewLine = "\n", AutoFlush = true };
        return writer;
    }

    private static void TrimTornLastLine(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        if (stream.Length == 0)
        {
            return;
        }
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n')
        {
            return;
        }
        // Walk back to the last complete line and drop the partial one after it.
        var position = stream.Length - 1;
        while (position > 0)
        {
            stream.Seek(position - 1, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n')
            {
                break;
            }
            position--;
        }
        stream.SetLength(position);
    }
}
