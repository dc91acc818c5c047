using System.Text;

namespace Tailor.Training.Data;

/// <summary>
/// Reads a fine-tuning data file as <see cref="SftRecord"/>s, one at a time: the file is streamed, so only the
/// records the caller keeps are held in memory.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>.jsonl (or .json holding one object per line): TRL's formats, see <see cref="JsonlRecordParser"/>.
/// Blank lines are skipped; a malformed line is a <see cref="TrainingException"/> naming "file:line".</item>
/// <item>.txt: a plain-text corpus for language modelling, cut into documents as <see cref="TextSampling"/> says.</item>
/// </list>
/// </remarks>
public static class SftFileReader
{
    /// <summary>The file extensions <see cref="Read"/> understands.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jsonl", ".json", ".txt"];

    /// <summary>Streams the records of <paramref name="path"/>; <paramref name="sampling"/> applies to .txt files only.</summary>
    /// <exception cref="TrainingException">
    /// The file is missing (thrown at once), of an unknown type (at once), malformed or empty (while enumerating).
    /// </exception>
    public static IEnumerable<SftRecord> Read(string path, TextSampling sampling = TextSampling.Line)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new TrainingException($"{path}: data file not found.");
        }
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" or ".json" => ReadJsonl(path),
            ".txt" => ReadText(path, sampling),
            _ => throw new TrainingException(
                $"{path}: unknown data file type '{extension}'; expected {string.Join(", ", Extensions)} (JSON Lines or plain text)."),
        };
    }

    private static IEnumerable<SftRecord> ReadJsonl(string path)
    {
        var parser = new JsonlRecordParser(path);
        var lineNumber = 0;
        var records = 0;
        foreach (var line in ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (records == 0 && line.TrimStart().StartsWith('['))
            {
                throw new TrainingException(
                    $"{path}:{lineNumber}: the file looks like one JSON list; Tailor reads JSON Lines, one object per line.");
            }
            records++;
            yield return parser.Parse(line, lineNumber);
        }
        if (records == 0)
        {
            throw NoExamples(path);
        }
    }

    private static IEnumerable<SftRecord> ReadText(string path, TextSampling sampling)
    {
        var lineNumber = 0;
        var records = 0;
        var paragraph = new StringBuilder();
        var paragraphStart = 0;
        foreach (var line in ReadLines(path))
        {
            lineNumber++;
            var blank = string.IsNullOrWhiteSpace(line);
            if (sampling == TextSampling.Line)
            {
                if (!blank)
                {
                    records++;
                    yield return new TextRecord($"{path}:{lineNumber}", line);
                }
                continue;
            }
            if (!blank)
            {
                if (paragraph.Length == 0)
                {
                    paragraphStart = lineNumber;
                }
                else
                {
                    paragraph.Append('\n');
                }
                paragraph.Append(line);
            }
            else if (paragraph.Length > 0)
            {
                records++;
                yield return new TextRecord($"{path}:{paragraphStart}", paragraph.ToString());
                paragraph.Clear();
            }
        }
        if (paragraph.Length > 0)
        {
            records++;
            yield return new TextRecord($"{path}:{paragraphStart}", paragraph.ToString());
        }
        if (records == 0)
        {
            throw NoExamples(path);
        }
    }

    // File.ReadLines streams and strips "\n", "\r\n" and "\r" alike; a UTF-8 byte-order mark is skipped.
    private static IEnumerable<string> ReadLines(string path) => File.ReadLines(path, Encoding.UTF8);

    private static TrainingException NoExamples(string path) =>
        new($"{path}: no examples (the file is empty or holds only blank lines).");
}
