using System.Globalization;
using System.Text;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Stats;

/// <summary>
/// Counts of some property (kind, source, language, ...) per split. Keys are ordered by total count, most first,
/// ties in ordinal order, so the table reads the same every time.
/// </summary>
public sealed class CountTable
{
    private readonly Dictionary<(string Key, string Split), int> counts;

    private CountTable(Dictionary<(string Key, string Split), int> counts)
    {
        this.counts = counts;
        Keys = [.. counts.Keys.Select(k => k.Key).Distinct(StringComparer.Ordinal)
            .OrderByDescending(Total).ThenBy(k => k, StringComparer.Ordinal)];
    }

    /// <summary>Every key seen, most frequent first.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Counts the keys <paramref name="keysOf"/> gives each row of each split (none, one or several per row).</summary>
    public static CountTable Of(DatasetSplits splits, Func<Data.DomainExample, IEnumerable<string>> keysOf)
    {
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(keysOf);
        var counts = new Dictionary<(string, string), int>();
        foreach (var split in DatasetSplits.Names)
        {
            foreach (var row in splits.Rows(split))
            {
                foreach (var key in keysOf(row))
                {
                    counts[(key, split)] = counts.GetValueOrDefault((key, split)) + 1;
                }
            }
        }
        return new CountTable(counts);
    }

    public int Count(string key, string split) => counts.GetValueOrDefault((key, split));

    public int Total(string key) => DatasetSplits.Names.Sum(split => Count(key, split));

    /// <summary>The sum over all keys for one split.</summary>
    public int SplitTotal(string split) => Keys.Sum(key => Count(key, split));

    /// <summary>A markdown table: one line per key (the first <paramref name="top"/> only, when given), a column per split, and the total.</summary>
    public string ToMarkdown(string keyHeader, int? top = null)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"| {keyHeader} | {string.Join(" | ", DatasetSplits.Names)} | total |");
        text.AppendLine(culture, $"|---|{string.Concat(DatasetSplits.Names.Select(_ => "---:|"))}---:|");
        foreach (var key in top is null ? Keys : Keys.Take(top.Value))
        {
            var cells = string.Join(" | ", DatasetSplits.Names.Select(split => Count(key, split).ToString(culture)));
            text.AppendLine(culture, $"| {key} | {cells} | {Total(key)} |");
        }
        if (top is not null && Keys.Count > top.Value)
        {
            text.AppendLine(culture, $"| ({Keys.Count - top.Value} more) | | | | |");
        }
        return text.ToString();
    }
}
