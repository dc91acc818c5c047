using Tailor.Evaluation.Statistics;

namespace Tailor.Evaluation.Tests.Statistics;

public sealed class McNemarTests
{
    [Fact]
    public void Agresti_presidential_approval_example()
    {
        // Agresti, An Introduction to Categorical Data Analysis, table 10.1: approve/approve 794, approve/disapprove 150,
        // disapprove/approve 86, disapprove/disapprove 570. Corrected chi² = (|86 - 150| - 1)² / 236 = 16.818.
        var (a, b) = Table(bothTrue: 794, onlyA: 150, onlyB: 86, neither: 570);
        var result = McNemar.Test(a, b);
        Assert.Equal(86, result.B01);
        Assert.Equal(150, result.B10);
        Assert.Equal(3969.0 / 236, result.ChiSquare, 9);
        Assert.Equal(4.11456e-5, result.PValue, 9);
    }

    [Fact]
    public void Few_discordant_pairs_get_the_exact_binomial_p_value()
    {
        // 1 vs 9 discordant: p = 2 (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
        var (a, b) = Table(bothTrue: 30, onlyA: 9, onlyB: 1, neither: 5);
        var result = McNemar.Test(a, b);
        Assert.Equal(22.0 / 1024, result.PValue, 12);
        Assert.Equal(49.0 / 10, result.ChiSquare, 12); // (|1 - 9| - 1)² / 10
    }

    [Fact]
    public void Balanced_or_no_discordant_pairs_give_p_one()
    {
        var (a, b) = Table(bothTrue: 10, onlyA: 12, onlyB: 12, neither: 3);
        Assert.Equal(1, McNemar.Test(a, b).PValue);
        var (c, d) = Table(bothTrue: 10, onlyA: 0, onlyB: 0, neither: 3);
        Assert.Equal(new McNemarResult(0, 0, 0, 1), McNemar.Test(c, d));
    }

    [Fact]
    public void The_chi_square_tail_matches_known_quantiles()
    {
        Assert.Equal(0.05, McNemar.ChiSquareOneTail(3.841459), 6);
        Assert.Equal(0.01, McNemar.ChiSquareOneTail(6.634897), 6);
        Assert.Equal(1, McNemar.ChiSquareOneTail(0), 6);
    }

    private static (bool[] A, bool[] B) Table(int bothTrue, int onlyA, int onlyB, int neither)
    {
        var pairs = Enumerable.Repeat((true, true), bothTrue)
            .Concat(Enumerable.Repeat((true, false), onlyA))
            .Concat(Enumerable.Repeat((false, true), onlyB))
            .Concat(Enumerable.Repeat((false, false), neither))
            .ToList();
        return ([.. pairs.Select(p => p.Item1)], [.. pairs.Select(p => p.Item2)]);
    }
}
