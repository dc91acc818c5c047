using Tailor.Evaluation.Statistics;
using Xunit.Abstractions;

namespace Tailor.Evaluation.Tests.Statistics;

public sealed class PairedComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public void A_planted_difference_is_found()
    {
        var random = new Random(11);
        var a = Samples.Normal(random, 100, 0.5, 0.2);
        var noise = Samples.Normal(random, 100, 0, 0.2);
        var b = a.Select((x, i) => x + 0.1 + noise[i]).ToArray();
        var result = PairedComparison.Compare(a, b);
        output.WriteLine($"planted +0.1: {result}");
        Assert.True(result.PValue < 0.01);
        Assert.True(result.Low > 0);
        Assert.InRange(result.MeanDifference, 0.05, 0.15);
        Assert.Equal(100, result.N);
    }

    [Fact]
    public void Identical_runs_differ_in_nothing()
    {
        var a = Samples.Bernoulli(new Random(3), 200, 0.6);
        var result = PairedComparison.Compare(a, a);
        Assert.Equal(1.0, result.PValue);
        Assert.Equal(0, result.MeanDifference);
        Assert.True(result.Low <= 0 && result.High >= 0);
    }

    [Fact]
    public void Runs_drawn_from_the_same_distribution_are_not_called_different()
    {
        var random = new Random(8);
        var result = PairedComparison.Compare(Samples.Normal(random, 100, 0, 1), Samples.Normal(random, 100, 0, 1));
        output.WriteLine($"no difference: {result}");
        Assert.True(result.PValue > 0.05);
        Assert.True(result.Low < 0 && result.High > 0);
    }

    [Fact]
    public void Small_samples_get_the_exact_sign_flip_p_value()
    {
        // d = (1, 1, 1): of the 8 sign patterns only +++ and --- reach |sum| = 3, so p = 2 / 8.
        Assert.Equal(0.25, PairedComparison.Compare([0, 0, 0], [1, 1, 1]).PValue, 12);
        // d = (1, 2): patterns give sums 3, -1, 1, -3; two reach |3|, p = 2 / 4.
        Assert.Equal(0.5, PairedComparison.Compare([0, 0], [1, 2]).PValue, 12);
    }

    [Fact]
    public void The_difference_is_b_minus_a()
    {
        Assert.Equal(-0.5, PairedComparison.Compare([1, 1], [0.5, 0.5]).MeanDifference, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result()
    {
        var random = new Random(4);
        var a = Samples.Normal(random, 60, 0, 1);
        var b = Samples.Normal(random, 60, 0.2, 1);
        Assert.Equal(PairedComparison.Compare(a, b, seed: 9), PairedComparison.Compare(a, b, seed: 9));
    }

    [Fact]
    public void Lists_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare([1, 2], [1]));
    }

    [Fact]
    public void No_pairs_give_p_one()
    {
        var result = PairedComparison.Compare([], []);
        Assert.Equal(1, result.PValue);
        Assert.Equal(0, result.N);
    }
}
