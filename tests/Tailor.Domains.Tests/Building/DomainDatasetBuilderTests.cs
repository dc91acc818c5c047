using Tailor.Domains.Building;
using Tailor.Domains.Data;
using Tailor.Domains.Safety;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Tests.Building;

public sealed class DomainDatasetBuilderTests
{
    private static DatasetBuildOptions SmallBuild(int seed) => new(seed)
    {
        SyntheticCount = 1_500,
        Safety = new SafetySetOptions(seed) { UnsafePerCategory = 40, NearMisses = 120 },
        RealCompaniesPath = RepositoryFiles.RealCompanies,
    };

    private static IEnumerable<string> Files(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void TheSameOptionsGiveTheSameBytesInEveryFile()
    {
        using var temp = new TempDirectory();
        var a = Path.Combine(temp.Path, "a");
        var b = Path.Combine(temp.Path, "b");
        DomainDatasetBuilder.Build(SmallBuild(11), a);
        DomainDatasetBuilder.Build(SmallBuild(11), b);

        Assert.Equal(Files(a), Files(b));
        Assert.Contains("README.md", Files(a));
        Assert.Contains(Path.Combine("suites", "safety.jsonl"), Files(a));
        foreach (var file in Files(a))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))), file);
        }
    }

    [Fact]
    public void TheBuiltDatasetIsLeakFreeValidAndHoldsEveryPart()
    {
        using var temp = new TempDirectory();
        var result = DomainDatasetBuilder.Build(SmallBuild(5), temp.Path);

        // Reading the files back checks every row against the schema, every reference domain included.
        var splits = DatasetSplits.Read(temp.Path);
        Assert.Equal(result.Splits.Count, splits.Count);
        Assert.Empty(LeakCheck.Find(splits));
        var groupsBySplit = DatasetSplits.Names.ToDictionary(n => n, n => splits.Rows(n).Select(r => r.Group).ToHashSet(StringComparer.Ordinal));
        Assert.Empty(groupsBySplit["train"].Intersect(groupsBySplit["test"]));
        Assert.Empty(groupsBySplit["train"].Intersect(groupsBySplit["validation"]));
        Assert.Empty(groupsBySplit["validation"].Intersect(groupsBySplit["test"]));

        var all = splits.All.ToList();
        Assert.Equal(1_500 + (40 * SafetyCategories.All.Count) + 120, all.Count(r => r.Source == ExampleSources.Offline));
        Assert.True(all.Count(r => r.Source == ExampleSources.Real) > 4_900);
        var generated = all.Where(r => r.Id.StartsWith("offline-", StringComparison.Ordinal)).ToList();
        Assert.InRange(generated.Count(r => ExampleKinds.IsEdgeCase(r.Kind)) / (double)generated.Count, 0.16, 0.24);

        // Every category is tested on template families that training never saw.
        foreach (var category in SafetyCategories.All)
        {
            var testFamilies = splits.Test.Where(r => r.Reason == category).Select(r => r.Group).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(testFamilies);
            Assert.DoesNotContain(splits.Train, r => testFamilies.Contains(r.Group));
        }

        // The suites are the test split, cut by question.
        var testIds = splits.Test.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var path in result.SuitePaths)
        {
            Assert.All(DomainDatasetFile.Read(path), r => Assert.Contains(r.Id, testIds));
        }
        Assert.Equal(Math.Min(DatasetSuites.DefaultMaxCases, splits.Test.Count(r => r.Source == ExampleSources.Real)),
            DomainDatasetFile.Read(Path.Combine(temp.Path, "suites", "real.jsonl")).Count());
        Assert.NotNull(result.Diversity);
        Assert.Contains("Diversity of the generated descriptions", File.ReadAllText(result.CardPath), StringComparison.Ordinal);
    }

    [Fact]
    public void RowsSharingAnIdAcrossInputsAreRefused()
    {
        using var temp = new TempDirectory();
        var rows = OfflineSynthesizerRows(20, seed: 1);
        DomainDatasetFile.Write(temp.File("one.jsonl"), rows);
        DomainDatasetFile.Write(temp.File("two.jsonl"), rows);
        var options = new DatasetBuildOptions(1) { SyntheticCount = 0, InputFiles = [temp.File("one.jsonl"), temp.File("two.jsonl")] };

        var error = Assert.Throws<DomainDataException>(() => DomainDatasetBuilder.Build(options, Path.Combine(temp.Path, "out")));
        Assert.Contains("appears twice", error.Message, StringComparison.Ordinal);
    }

    private static List<DomainExample> OfflineSynthesizerRows(int count, int seed) =>
        [.. Synthesis.Offline.OfflineSynthesizer.Generate(new Synthesis.Offline.OfflineSynthesisOptions(count, seed))];
}
