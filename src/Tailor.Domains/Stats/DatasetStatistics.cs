using System.Globalization;
using System.Text;
using Tailor.Domains.Data;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Stats;

/// <summary>
/// The numbers that describe a split dataset: rows per split; counts per split of kind, source, language and
/// refusal reason; description lengths in characters and words; the top-level domains of the reference domains; and
/// how many domains a row carries.
/// </summary>
public sealed class DatasetStatistics
{
    /// <summary>The key under which per-split summaries hold the whole dataset.</summary>
    public const string AllSplits = "all";

    private DatasetStatistics(DatasetSplits splits)
    {
        Rows = DatasetSplits.Names.ToDictionary(s => s, s => splits.Rows(s).Count, StringComparer.Ordinal);
        Kinds = CountTable.Of(splits, r => [r.Kind]);
        Sources = CountTable.Of(splits, r => [r.Source]);
        Languages = CountTable.Of(splits, r => [r.Lang]);
        Reasons = CountTable.Of(splits, r => r.Blocked && r.Reason is not null ? [r.Reason] : []);
        Tlds = CountTable.Of(splits, r => r.DomainList.Select(d => d[(d.LastIndexOf('.') + 1)..]));
        DomainsPerRow = CountTable.Of(splits, r => [r.DomainList.Count.ToString(CultureInfo.InvariantCulture)]);
        var chars = new Dictionary<string, LengthSummary>(StringComparer.Ordinal);
        var words = new Dictionary<string, LengthSummary>(StringComparer.Ordinal);
        foreach (var split in DatasetSplits.Names)
        {
            chars[split] = LengthSummary.Of(splits.Rows(split).Select(r => r.Description.Length));
            words[split] = LengthSummary.Of(splits.Rows(split).Select(r => WordCount(r.Description)));
        }
        chars[AllSplits] = LengthSummary.Of(splits.All.Select(r => r.Description.Length));
        words[AllSplits] = LengthSummary.Of(splits.All.Select(r => WordCount(r.Description)));
        DescriptionChars = chars;
        DescriptionWords = words;
    }

    /// <summary>Rows per split.</summary>
    public IReadOnlyDictionary<string, int> Rows { get; }

    public CountTable Kinds { get; }

    public CountTable Sources { get; }

    public CountTable Languages { get; }

    /// <summary>Blocked rows per safety reason.</summary>
    public CountTable Reasons { get; }

    /// <summary>Top-level labels of every reference domain ("shop.example.co.uk" counts as "uk").</summary>
    public CountTable Tlds { get; }

    /// <summary>Rows by how many reference domains they carry ("0" for refusals, "1" for real rows, "10" for synthetic ones).</summary>
    public CountTable DomainsPerRow { get; }

    /// <summary>Description length in characters (UTF-16 code units), per split and <see cref="AllSplits"/>.</summary>
    public IReadOnlyDictionary<string, LengthSummary> DescriptionChars { get; }

    /// <summary>Description length in whitespace-separated words, per split and <see cref="AllSplits"/>.</summary>
    public IReadOnlyDictionary<string, LengthSummary> DescriptionWords { get; }

    public static DatasetStatistics Compute(DatasetSplits splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        return new DatasetStatistics(splits);
    }

    /// <summary>The share of edge-case rows (kind "edge:...") in <paramref name="split"/>; 0 for an empty split.</summary>
    public double EdgeCaseShare(string split)
    {
        var edge = Kinds.Keys.Where(ExampleKinds.IsEdgeCase).Sum(k => Kinds.Count(k, split));
        return Rows[split] == 0 ? 0 : (double)edge / Rows[split];
    }

    public static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Markdown sections (level-3 headings) with every table.</summary>
    public string ToMarkdown()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("### Rows per split").AppendLine();
        text.AppendLine("| split | rows | edge-case share |").AppendLine("|---|---:|---:|");
        foreach (var split in DatasetSplits.Names)
        {
            text.AppendLine(culture, $"| {split} | {Rows[split]} | {EdgeCaseShare(split):P1} |");
        }
        text.AppendLine(culture, $"| total | {Rows.Values.Sum()} | |").AppendLine();
        Section(text, "Kinds", Kinds.ToMarkdown("kind"));
        Section(text, "Sources", Sources.ToMarkdown("source"));
        Section(text, "Languages", Languages.ToMarkdown("lang"));
        Section(text, "Refusals per safety reason", Reasons.Keys.Count == 0 ? "No blocked rows.\n" : Reasons.ToMarkdown("reason"));
        text.AppendLine("### Description length").AppendLine();
        text.AppendLine("| split | chars min | median | p95 | max | words min | median | p95 | max |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var split in DatasetSplits.Names.Append(AllSplits))
        {
            var c = DescriptionChars[split];
            var w = DescriptionWords[split];
            text.AppendLine(culture, $"| {split} | {c.Min} | {c.Median} | {c.P95} | {c.Max} | {w.Min} | {w.Median} | {w.P95} | {w.Max} |");
        }
        text.AppendLine();
        Section(text, "Top-level domains of the reference domains (top 15)", Tlds.Keys.Count == 0 ? "No domains.\n" : Tlds.ToMarkdown("tld", top: 15));
        Section(text, "Domains per row", DomainsPerRow.ToMarkdown("domains"));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string heading, string body) =>
        text.Append("### ").AppendLine(heading).AppendLine().Append(body).AppendLine();
}
