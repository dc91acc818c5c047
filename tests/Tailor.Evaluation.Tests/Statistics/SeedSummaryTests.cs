using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Tests.Statistics;

public sealed class SeedSummaryTests
{
    [Fact]
    public void Summarises_runs_with_the_sample_standard_deviation()
    {
        var summary = SeedSummary.Of([1, 2, 3, 4]);
        Assert.Equal(2.5, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), summary.Std, 12);
        Assert.Equal((1.0, 4.0, 4), (summary.Min, summary.Max, summary.N));
    }

    [Fact]
    public void One_run_has_no_spread_and_none_has_no_numbers()
    {
        Assert.Equal(new SeedSummary(0.8, 0, 0.8, 0.8, 1), SeedSummary.Of([0.8]));
        Assert.True(double.IsNaN(SeedSummary.Of([]).Mean));
    }
}
