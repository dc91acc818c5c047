using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tailor.Domains.Splits;
using Tailor.Domains.Stats;

namespace Tailor.Domains.Cards;

/// <summary>
/// Writes <c>README.md</c>, the dataset card, next to the split files: how the data was built, the schema, counts,
/// the leak check, and the SHA-256, size and row count of each file. The text has no timestamps or machine paths, so
/// the same data and info always give the same card.
/// </summary>
public static class DatasetCard
{
    public const string FileName = "README.md";

    private static readonly (string Field, string Meaning)[] Schema =
    [
        ("id", "Unique row id (\"real-000123\" for real companies)."),
        ("group", "Company key; every row of one company, and every near duplicate of it, is in one split."),
        ("description", "The business description, as a user would type it."),
        ("domains", "Reference domains, best first: 10 for synthetic and teacher rows, the one real domain for real rows; absent when blocked."),
        ("blocked", "true when the request must be refused (absent otherwise)."),
        ("reason", "The safety category of a refusal: " + string.Join(", ", Data.SafetyCategories.All) + "."),
        ("kind", "normal, unsafe, benign-near-miss, or an edge-case tag (edge:...)."),
        ("source", "offline (seeded generator), real (a real company), or teacher:<model>."),
        ("lang", "ISO 639-1 code of the description's language."),
    ];

    /// <summary>
    /// Writes the card for <paramref name="splits"/>, whose files must already be in <paramref name="directory"/>
    /// (<see cref="DatasetSplits.Write"/>); returns the card's path.
    /// </summary>
    /// <exception cref="DomainDataException">A split file is missing or does not hold the split's rows.</exception>
    public static string Write(string directory, DatasetSplits splits, DatasetCardInfo info)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(info);
        var files = DatasetSplits.Names.Select(name => Describe(directory, name, splits.Rows(name).Count)).ToList();
        var text = Render(splits, info, files);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static string Render(DatasetSplits splits, DatasetCardInfo info, List<FileFacts> files)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append("# ").AppendLine(info.Title).AppendLine();
        if (!string.IsNullOrWhiteSpace(info.Summary))
        {
            text.AppendLine(info.Summary.Trim()).AppendLine();
        }

        text.AppendLine("## How it was built").AppendLine();
        text.AppendLine("```").AppendLine(info.CommandLine).AppendLine("```").AppendLine();
        text.AppendLine(culture, $"- seed: {info.Seed}");
        foreach (var (name, value) in info.Settings)
        {
            text.AppendLine(culture, $"- {name}: {value}");
        }
        text.AppendLine();
        text.AppendLine("Rows that share a group, or whose descriptions are exact or near duplicates (MinHash over shingles,");
        text.AppendLine(culture, $"confirmed by Jaccard similarity at or above {NearDuplicateIndex.DefaultThreshold.ToString(culture)}), are joined and go to one split together.");
        text.AppendLine();
        if (info.Splitting is not null)
        {
            text.AppendLine(info.Splitting.ToMarkdown());
        }

        text.AppendLine("## Schema").AppendLine();
        text.AppendLine("One JSON object per line (UTF-8, `\\n` line ends).").AppendLine();
        text.AppendLine("| field | meaning |").AppendLine("|---|---|");
        foreach (var (field, meaning) in Schema)
        {
            text.AppendLine(culture, $"| `{field}` | {meaning.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        text.AppendLine();

        text.AppendLine("## Statistics").AppendLine();
        text.Append(DatasetStatistics.Compute(splits).ToMarkdown());

        text.AppendLine("## Leak check").AppendLine();
        var leaks = LeakCheck.Find(splits);
        text.AppendLine(culture, $"Leaks between splits (shared group, exact or near duplicate description): **{leaks.Count}**.");
        foreach (var leak in leaks.Take(20))
        {
            text.AppendLine(culture, $"- {leak}");
        }
        text.AppendLine();

        foreach (var section in info.Sections)
        {
            text.Append("## ").AppendLine(section.Heading).AppendLine();
            text.AppendLine(section.Markdown.TrimEnd()).AppendLine();
        }

        text.AppendLine("## Files").AppendLine();
        text.AppendLine("| file | rows | bytes | sha256 |").AppendLine("|---|---:|---:|---|");
        foreach (var file in files)
        {
            text.AppendLine(culture, $"| {file.Name} | {file.Rows} | {file.Bytes} | `{file.Sha256}` |");
        }
        return text.ToString();
    }

    private static FileFacts Describe(string directory, string split, int expectedRows)
    {
        var name = DatasetSplits.FileName(split);
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            throw new DomainDataException($"{path}: split file not found; write the splits before the card.");
        }
        var bytes = File.ReadAllBytes(path);
        var rows = bytes.Count(b => b == (byte)'\n');
        if (rows != expectedRows)
        {
            throw new DomainDataException($"{path}: holds {rows} rows but the {split} split has {expectedRows}; the card would not describe the file.");
        }
        return new FileFacts(name, rows, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private sealed record FileFacts(string Name, int Rows, long Bytes, string Sha256);
}
