using Tailor.Evaluation.Statistics;
using Xunit.Abstractions;

namespace Tailor.Evaluation.Tests.Statistics;

public sealed class BootstrapTests(ITestOutputHelper output)
{
    [Fact]
    public void No_values_give_NaN_and_one_value_a_point()
    {
        var none = Bootstrap.MeanInterval([]);
        Assert.True(double.IsNaN(none.Mean) && double.IsNaN(none.Low) && double.IsNaN(none.High));
        Assert.Equal(0, none.N);
        Assert.Equal(new Interval(0.7, 0.7, 0.7, 1), Bootstrap.MeanInterval([0.7]));
    }

    [Fact]
    public void Constant_values_give_a_zero_width_interval_at_the_value()
    {
        Assert.Equal(new Interval(1, 1, 1, 5), Bootstrap.MeanInterval([1, 1, 1, 1, 1]));
    }

    [Fact]
    public void The_mean_is_the_sample_mean_and_lies_inside_the_interval()
    {
        var interval = Bootstrap.MeanInterval([0, 0, 1, 1, 1, 0, 1, 1]);
        Assert.Equal(0.625, interval.Mean, 12);
        Assert.True(interval.Low < 0.625 && interval.High > 0.625);
        Assert.InRange(interval.Low, 0.2, 0.4);
        Assert.InRange(interval.High, 0.85, 1.0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_another_seed_another()
    {
        var values = Samples.Normal(new Random(5), 50, 0, 1);
        Assert.Equal(Bootstrap.MeanInterval(values, seed: 3), Bootstrap.MeanInterval(values, seed: 3));
        Assert.NotEqual(Bootstrap.MeanInterval(values, seed: 3), Bootstrap.MeanInterval(values, seed: 4));
    }

    [Fact]
    public void A_95_percent_interval_covers_a_Bernoulli_mean_about_95_percent_of_the_time()
    {
        var coverage = Coverage(random => Samples.Bernoulli(random, 100, 0.3), truth: 0.3);
        output.WriteLine($"Bernoulli(0.3), n = 100: coverage {coverage:P1}");
        Assert.InRange(coverage, 0.92, 0.98);
    }

    [Fact]
    public void A_95_percent_interval_covers_a_normal_mean_about_95_percent_of_the_time()
    {
        var coverage = Coverage(random => Samples.Normal(random, 100, 2.0, 1.5), truth: 2.0);
        output.WriteLine($"Normal(2, 1.5), n = 100: coverage {coverage:P1}");
        Assert.InRange(coverage, 0.92, 0.98);
    }

    [Fact]
    public void A_wider_level_gives_a_wider_interval()
    {
        var values = Samples.Normal(new Random(1), 80, 0, 1);
        var narrow = Bootstrap.MeanInterval(values, level: 0.8);
        var wide = Bootstrap.MeanInterval(values, level: 0.99);
        Assert.True(wide.Low < narrow.Low && wide.High > narrow.High);
    }

    private static double Coverage(Func<Random, double[]> sample, double truth)
    {
        const int Repetitions = 400;
        var random = new Random(2026);
        var covered = 0;
        for (var r = 0; r < Repetitions; r++)
        {
            if (Bootstrap.MeanInterval(sample(random), seed: r).Contains(truth))
            {
                covered++;
            }
        }
        return (double)covered / Repetitions;
    }
}
