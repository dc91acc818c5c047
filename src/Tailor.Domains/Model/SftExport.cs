using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tailor.Domains.Data;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Model;

/// <summary>
/// Turns a domain dataset into the trainer's input: <c>train.jsonl</c> and <c>validation.jsonl</c> of
/// <c>{"prompt","completion"}</c> records in <see cref="DomainPromptFormat"/> (answered rows only: refusals are the
/// guard's job, not the model's), and the text a tokenizer for the model is learnt from.
/// </summary>
public static class SftExport
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The texts the model reads and writes, from the train split only (validation stays unseen).</summary>
    public static IEnumerable<string> TokenizerCorpus(DatasetSplits splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        foreach (var row in splits.Train.Where(r => !r.Blocked))
        {
            yield return DomainPromptFormat.Normalize(row.Description);
            yield return DomainPromptFormat.CompletionText(row.DomainList);
        }
    }

    /// <summary>Writes the train and validation records into <paramref name="directory"/>; returns (train, validation) counts.</summary>
    public static (int Train, int Validation) Write(DatasetSplits splits, DomainPromptFormat format, string directory)
    {
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(format);
        Directory.CreateDirectory(directory);
        return (WriteSplit(splits.Train, format, Path.Combine(directory, "train.jsonl")),
            WriteSplit(splits.Validation, format, Path.Combine(directory, "validation.jsonl")));
    }

    private static int WriteSplit(IReadOnlyList<DomainExample> rows, DomainPromptFormat format, string path)
    {
        var count = 0;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        foreach (var row in rows)
        {
            if (format.ToSftRecord(row) is not { } record)
            {
                continue;
            }
            writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["prompt"] = record.Prompt,
                ["completion"] = record.Completion,
            }, Json));
            count++;
        }
        return count;
    }
}
