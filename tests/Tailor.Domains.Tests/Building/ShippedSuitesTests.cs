using Tailor.Domains.Building;

namespace Tailor.Domains.Tests.Building;

public sealed class ShippedSuitesTests
{
    /// <summary>
    /// The suites in data/suites are what the documented command builds: rebuilding the default dataset gives the
    /// same bytes, so an evaluation on them can always be traced to its data.
    /// </summary>
    [Fact]
    public void TheShippedSuitesAreWhatTheDefaultBuildWrites()
    {
        using var temp = new TempDirectory();
        var result = DomainDatasetBuilder.Build(DatasetBuildOptions.Default(seed: 1, RepositoryFiles.RealCompanies), temp.Path);

        var shipped = Path.Combine(RepositoryFiles.Root(), "data", "suites");
        Assert.Equal(4, result.SuitePaths.Count);
        foreach (var built in result.SuitePaths)
        {
            var name = Path.GetFileName(built);
            Assert.True(File.ReadAllBytes(built).SequenceEqual(File.ReadAllBytes(Path.Combine(shipped, name))),
                $"data/suites/{name} differs from a fresh default build: rebuild and copy the suites (see data/suites/README.md).");
        }
    }
}
