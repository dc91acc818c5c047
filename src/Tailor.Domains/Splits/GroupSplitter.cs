using Tailor.Domains.Data;

namespace Tailor.Domains.Splits;

/// <summary>
/// Divides rows into train, validation and test so that nothing of one company, and no copy or near copy of a
/// description, appears on two sides. Rows are joined (union-find) when they share a group, are exact duplicates, or
/// are near duplicates (<see cref="NearDuplicateIndex"/>); each joined component goes whole to one split.
/// </summary>
/// <remarks>
/// A component's split comes from a hash of (seed, the ordinally smallest group key in it) compared with the shares.
/// It does not depend on row order or on the other components, so adding rows moves only the components they touch,
/// and the shares hold in expectation (closely, when components are small and many).
/// </remarks>
public static class GroupSplitter
{
    public static DatasetSplits Split(IReadOnlyList<DomainExample> rows, SplitOptions options) =>
        SplitWithReport(rows, options).Splits;

    public static SplitResult SplitWithReport(IReadOnlyList<DomainExample> rows, SplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        CheckIdsUnique(rows);

        var components = new UnionFind(rows.Count);
        var firstRowOfGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!firstRowOfGroup.TryAdd(rows[i].Group, i))
            {
                components.Union(firstRowOfGroup[rows[i].Group], i);
            }
        }
        var duplicates = NearDuplicateIndex.Build([.. rows.Select(r => r.Description)], options.NearDuplicateThreshold);
        foreach (var pair in duplicates.Pairs)
        {
            components.Union(pair.First, pair.Second);
        }

        // The smallest group key of each component names it.
        var keyOfRoot = new Dictionary<int, string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var root = components.Find(i);
            if (!keyOfRoot.TryGetValue(root, out var key) || string.CompareOrdinal(rows[i].Group, key) < 0)
            {
                keyOfRoot[root] = rows[i].Group;
            }
        }
        var parts = new Dictionary<string, List<DomainExample>>(StringComparer.Ordinal);
        foreach (var name in DatasetSplits.Names)
        {
            parts[name] = [];
        }
        var splitOfKey = AssignAll(options, keyOfRoot.Values);
        for (var i = 0; i < rows.Count; i++)
        {
            parts[splitOfKey[keyOfRoot[components.Find(i)]]].Add(rows[i]);
        }
        foreach (var part in parts.Values)
        {
            part.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        }
        var splits = new DatasetSplits(parts[DatasetSplits.TrainName], parts[DatasetSplits.ValidationName], parts[DatasetSplits.TestName]);
        return new SplitResult(splits, Report(rows, components, firstRowOfGroup.Count, duplicates));
    }

    /// <summary>The split of every component key: by its own hash, or dealt out within its stratum.</summary>
    private static Dictionary<string, string> AssignAll(SplitOptions options, IEnumerable<string> componentKeys)
    {
        var splitOfKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var strata = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in componentKeys)
        {
            var stratum = options.Stratum?.Invoke(key);
            if (stratum is null)
            {
                splitOfKey[key] = Assign(options, key);
            }
            else if (strata.TryGetValue(stratum, out var keys))
            {
                keys.Add(key);
            }
            else
            {
                strata.Add(stratum, [key]);
            }
        }
        foreach (var keys in strata.Values)
        {
            DealOut(options, keys, splitOfKey);
        }
        return splitOfKey;
    }

    /// <summary>
    /// Shuffles a stratum's components by their stable hash, then gives test its share (at least one), validation its
    /// share (at least one) and train the rest; strata under three components fall back to the per-key hash.
    /// </summary>
    private static void DealOut(SplitOptions options, List<string> keys, Dictionary<string, string> splitOfKey)
    {
        if (keys.Count < 3)
        {
            keys.ForEach(k => splitOfKey[k] = Assign(options, k));
            return;
        }
        var order = keys.OrderBy(k => UnitHash(options.Seed, k)).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var test = options.Test > 0 ? Math.Max(1, (int)Math.Round(keys.Count * options.Test)) : 0;
        var validation = options.Validation > 0 ? Math.Max(1, (int)Math.Round(keys.Count * options.Validation)) : 0;
        for (var i = 0; i < order.Count; i++)
        {
            splitOfKey[order[i]] = i < test ? DatasetSplits.TestName
                : i < test + validation ? DatasetSplits.ValidationName
                : DatasetSplits.TrainName;
        }
    }

    /// <summary>The split of the component named <paramref name="componentKey"/>: a uniform draw from a stable hash.</summary>
    private static string Assign(SplitOptions options, string componentKey)
    {
        var draw = UnitHash(options.Seed, componentKey);
        if (draw < options.Test)
        {
            return DatasetSplits.TestName;
        }
        return draw < options.Test + options.Validation ? DatasetSplits.ValidationName : DatasetSplits.TrainName;
    }

    /// <summary>A number in [0, 1) fixed by (seed, key): FNV-1a, SplitMix64-finished, top 53 bits.</summary>
    private static double UnitHash(int seed, string key)
    {
        var hash = 0xCBF2_9CE4_8422_2325 ^ NearDuplicateIndex.Mix((ulong)(uint)seed);
        foreach (var c in key)
        {
            hash = (hash ^ c) * 0x0000_0100_0000_01B3;
        }
        return (NearDuplicateIndex.Mix(hash) >> 11) * (1.0 / (1UL << 53));
    }

    private static void CheckIdsUnique(IReadOnlyList<DomainExample> rows)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!ids.Add(row.Id))
            {
                throw new DomainDataException($"row id '{row.Id}' appears twice; ids must be unique to split.");
            }
        }
    }

    private static SplitReport Report(IReadOnlyList<DomainExample> rows, UnionFind components, int groupCount, NearDuplicateIndex duplicates)
    {
        var groupsOfComponent = new Dictionary<int, HashSet<string>>();
        var rowsOfComponent = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var root = components.Find(i);
            if (!groupsOfComponent.TryGetValue(root, out var groups))
            {
                groups = new HashSet<string>(StringComparer.Ordinal);
                groupsOfComponent.Add(root, groups);
            }
            groups.Add(rows[i].Group);
            rowsOfComponent[root] = rowsOfComponent.GetValueOrDefault(root) + 1;
        }
        var merged = groupsOfComponent.Values.Where(g => g.Count > 1).Sum(g => g.Count);
        var largest = rowsOfComponent.Count == 0 ? 0 : rowsOfComponent.Values.Max();
        var largestRoot = rowsOfComponent.Where(kv => kv.Value == largest).Select(kv => kv.Key).DefaultIfEmpty(-1).Min();
        return new SplitReport(
            Rows: rows.Count,
            Groups: groupCount,
            Components: groupsOfComponent.Count,
            ExactDuplicatePairs: duplicates.ExactPairCount,
            NearDuplicatePairs: duplicates.NearPairCount,
            GroupsMergedByDuplicates: merged,
            LargestComponentRows: largest,
            LargestComponentGroups: largestRoot < 0 ? 0 : groupsOfComponent[largestRoot].Count);
    }
}
