using System.Globalization;
using System.Text;

namespace Tailor.Domains.Splits;

/// <summary>
/// What <see cref="GroupSplitter"/> joined before assigning: rows, groups, the components that went whole to one
/// split, the duplicate pairs found, and how many groups were merged with another because of duplicates.
/// </summary>
public sealed record SplitReport(
    int Rows,
    int Groups,
    int Components,
    int ExactDuplicatePairs,
    int NearDuplicatePairs,
    int GroupsMergedByDuplicates,
    int LargestComponentRows,
    int LargestComponentGroups)
{
    /// <summary>A short markdown section for the dataset card.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"- rows: {Rows}; groups: {Groups}; components (units of assignment): {Components}");
        text.AppendLine(culture, $"- duplicate pairs: {ExactDuplicatePairs} exact, {NearDuplicatePairs} near (Jaccard at or above the threshold)");
        text.AppendLine(culture, $"- groups merged with another group because of duplicates: {GroupsMergedByDuplicates}");
        text.AppendLine(culture, $"- largest component: {LargestComponentRows} rows in {LargestComponentGroups} groups");
        return text.ToString();
    }
}
