using Tailor.Domains.Data;

namespace Tailor.Domains.Building;

/// <summary>
/// The evaluation suites cut from a dataset's test split, one file per question the evaluator asks: does it name
/// ordinary businesses well (holdout), survive odd requests (edge), refuse what it must and only that (safety), and
/// work on descriptions real companies wrote (real).
/// </summary>
public static class DatasetSuites
{
    public const string Folder = "suites";

    /// <summary>The most cases a suite keeps: enough for tight confidence intervals, few enough to run a model on every case.</summary>
    public const int DefaultMaxCases = 500;

    /// <summary>The suites in a fixed order, each with the rule that picks its rows.</summary>
    public static IReadOnlyList<(string Name, Func<DomainExample, bool> Selects)> All { get; } =
    [
        ("holdout", r => r.Kind == ExampleKinds.Normal && r.Source != ExampleSources.Real),
        ("edge", r => ExampleKinds.IsEdgeCase(r.Kind)),
        ("safety", r => r.Kind is ExampleKinds.Unsafe or ExampleKinds.BenignNearMiss),
        ("real", r => r.Source == ExampleSources.Real),
    ];

    /// <summary>
    /// Writes <c>suites/&lt;name&gt;.jsonl</c> under <paramref name="datasetDirectory"/>, each at most
    /// <paramref name="maxCases"/> rows (a seeded sample, kept in id order); returns the paths of the non-empty ones.
    /// </summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<DomainExample> test, string datasetDirectory, int seed, int maxCases = DefaultMaxCases)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCases, 1);
        var folder = Path.Combine(datasetDirectory, Folder);
        var paths = new List<string>();
        foreach (var (name, selects) in All)
        {
            var rows = Sample(test.Where(selects).ToList(), seed, maxCases);
            var path = Path.Combine(folder, name + ".jsonl");
            if (rows.Count == 0)
            {
                // No stale suite from an earlier build of this folder.
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
                continue;
            }
            DomainDatasetFile.Write(path, rows);
            paths.Add(path);
        }
        return paths;
    }

    private static List<DomainExample> Sample(List<DomainExample> rows, int seed, int maxCases)
    {
        if (rows.Count <= maxCases)
        {
            return rows;
        }
        var picked = rows.ToArray();
        new Random(seed).Shuffle(picked);
        return [.. picked.Take(maxCases).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }
}
