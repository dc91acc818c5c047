using Tailor.Domains.Data;

namespace Tailor.Domains.Splits;

/// <summary>
/// Checks that splits are disjoint where it matters: no group, no exact duplicate and no near duplicate of a
/// description on two sides. An empty answer is the proof the dataset card quotes.
/// </summary>
public static class LeakCheck
{
    /// <summary>
    /// The leaks in <paramref name="splits"/>: for a group or an exact-duplicate class, one leak per other split it
    /// reaches (joined to its first row); for near duplicates, each crossing pair. Empty when there are none; there
    /// is at least one leak whenever anything that belongs together is divided.
    /// </summary>
    public static IReadOnlyList<Leak> Find(DatasetSplits splits, double nearDuplicateThreshold = NearDuplicateIndex.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var rows = new List<(DomainExample Row, string Split)>();
        foreach (var name in DatasetSplits.Names)
        {
            rows.AddRange(splits.Rows(name).Select(r => (r, name)));
        }
        var leaks = new List<Leak>();
        leaks.AddRange(ClassLeaks(rows, Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Row.Group, StringComparer.Ordinal), LeakKind.SharedGroup));

        var index = NearDuplicateIndex.Build([.. rows.Select(r => r.Row.Description)], nearDuplicateThreshold);
        leaks.AddRange(ClassLeaks(rows, Enumerable.Range(0, rows.Count).GroupBy(i => index.ExactClassOf[i]), LeakKind.ExactDuplicate));
        foreach (var pair in index.Pairs.Where(p => !p.Exact))
        {
            if (rows[pair.First].Split != rows[pair.Second].Split)
            {
                leaks.Add(MakeLeak(rows, pair.First, pair.Second, LeakKind.NearDuplicate, pair.Similarity));
            }
        }
        return leaks;
    }

    private static IEnumerable<Leak> ClassLeaks<TKey>(List<(DomainExample Row, string Split)> rows, IEnumerable<IGrouping<TKey, int>> classes, LeakKind kind)
    {
        foreach (var members in classes)
        {
            var first = members.First();
            var reported = new HashSet<string>(StringComparer.Ordinal) { rows[first].Split };
            foreach (var member in members)
            {
                if (reported.Add(rows[member].Split))
                {
                    yield return MakeLeak(rows, first, member, kind, kind == LeakKind.SharedGroup ? double.NaN : 1.0);
                }
            }
        }
    }

    private static Leak MakeLeak(List<(DomainExample Row, string Split)> rows, int first, int second, LeakKind kind, double similarity) =>
        new(rows[first].Row.Id, rows[first].Split, rows[second].Row.Id, rows[second].Split, kind, similarity);
}
