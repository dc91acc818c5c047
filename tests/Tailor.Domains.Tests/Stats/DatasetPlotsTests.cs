using Tailor.Domains.Splits;
using Tailor.Domains.Stats;
using Tailor.Domains.Tests.Splits;

namespace Tailor.Domains.Tests.Stats;

public class DatasetPlotsTests
{
    [Fact]
    public void Writes_non_empty_pngs()
    {
        using var temp = new TempDirectory();
        var splits = GroupSplitter.Split([.. TestRows.RandomDataset(400, 2), .. DatasetStatisticsTests.HandMade().All], new SplitOptions(2));
        var paths = DatasetPlots.Write(splits, Path.Combine(temp.Path, "plots"));
        Assert.Equal(3, paths.Count);
        Assert.All(paths, path =>
        {
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 2000, $"{path}: {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        });
    }
}
