using System.Globalization;
using Tailor.Domains.Data;
using Tailor.Domains.Safety;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Tests.Splits;

public sealed class StratifiedSplitTests
{
    /// <summary>Eight categories of nine template families, three rows each: the shape of the safety set.</summary>
    private static List<DomainExample> SafetyShaped(int seed)
    {
        var random = new Random(seed);
        var rows = new List<DomainExample>();
        foreach (var category in SafetyCategories.All)
        {
            for (var family = 0; family < 9; family++)
            {
                for (var i = 0; i < 3; i++)
                {
                    var id = "safety-" + rows.Count.ToString("D6", CultureInfo.InvariantCulture);
                    rows.Add(TestRows.Blocked(id, $"safety:{category}:family{family}", TestRows.RandomText(random), category));
                }
            }
        }
        return rows;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryCategoryHoldsOutWholeFamiliesForValidationAndTest(int seed)
    {
        var options = new SplitOptions(seed) { Stratum = SafetySetBuilder.Stratum };
        var splits = GroupSplitter.Split(SafetyShaped(seed), options);

        foreach (var category in SafetyCategories.All)
        {
            Assert.Contains(splits.Test, r => r.Reason == category);
            Assert.Contains(splits.Validation, r => r.Reason == category);
            Assert.True(splits.Train.Count(r => r.Reason == category) >= 6 * 3, category);
        }
        Assert.Empty(LeakCheck.Find(splits));
    }

    [Fact]
    public void WithoutStrataSomeCategoryHasNoTestFamily()
    {
        // The reason strata exist: with nine families a category, hashing alone leaves some category untested.
        var untested = Enumerable.Range(1, 10).Count(seed =>
        {
            var splits = GroupSplitter.Split(SafetyShaped(seed), new SplitOptions(seed));
            return SafetyCategories.All.Any(c => !splits.Test.Any(r => r.Reason == c));
        });
        Assert.True(untested > 0);
    }

    [Theory]
    [InlineData("safety:illegal-drugs:shop", "safety:illegal-drugs")]
    [InlineData("safety:near-miss:wine-shop", "safety:near-miss")]
    [InlineData("offline:breadly", null)]
    [InlineData("real:abode", null)]
    public void SafetyGroupsStratifyByCategory(string group, string? stratum) =>
        Assert.Equal(stratum, SafetySetBuilder.Stratum(group));
}
