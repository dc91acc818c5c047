using Tailor.Evaluation.Judges;

namespace Tailor.Evaluation.Tests.Judges;

public sealed class JudgeAgreementTests
{
    [Fact]
    public void Spearman_is_1_for_the_same_order_and_minus_1_for_the_reverse()
    {
        Assert.Equal(1.0, JudgeAgreement.Spearman([1, 2, 3, 4, 5], [10, 20, 30, 40, 50]), 12);
        Assert.Equal(-1.0, JudgeAgreement.Spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]), 12);
    }

    [Fact]
    public void Spearman_without_ties_matches_the_textbook_formula()
    {
        // d = (1, 1, 1, 1, 0): rho = 1 - 6 * 4 / (5 * (25 - 1)) = 0.8.
        Assert.Equal(0.8, JudgeAgreement.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 12);
    }

    [Fact]
    public void Spearman_with_ties_uses_average_ranks()
    {
        // Ranks (1, 2.5, 2.5, 4) and (1, 2, 3, 4): covariance 4.5, variances 4.5 and 5, rho = 4.5 / sqrt(22.5) = 3 / sqrt(10).
        Assert.Equal(3 / Math.Sqrt(10), JudgeAgreement.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
        Assert.Equal([1, 2.5, 2.5, 4], JudgeAgreement.AverageRanks([7, 9, 9, 12]));
        Assert.Equal([2, 2, 2], JudgeAgreement.AverageRanks([3, 3, 3]));
    }

    [Fact]
    public void Spearman_is_undefined_for_a_constant_list_or_a_single_pair()
    {
        Assert.True(double.IsNaN(JudgeAgreement.Spearman([3, 3, 3], [1, 2, 3])));
        Assert.True(double.IsNaN(JudgeAgreement.Spearman([3], [1])));
    }

    [Theory]
    // Wikipedia's worked examples of Cohen's kappa (counts: both yes, A yes B no, A no B yes, both no):
    // p_o = 0.7, p_e = 0.5 -> 0.4; p_o = 0.6, p_e = 0.54 -> 0.1304; p_o = 0.6, p_e = 0.46 -> 0.2593.
    [InlineData(20, 5, 10, 15, 0.4)]
    [InlineData(45, 15, 25, 15, 0.06 / 0.46)]
    [InlineData(25, 35, 5, 35, 0.14 / 0.54)]
    public void Kappa_matches_textbook_two_by_two_tables(int yesYes, int yesNo, int noYes, int noNo, double expected)
    {
        var (a, b) = Table(yesYes, yesNo, noYes, noNo);

        Assert.Equal(expected, JudgeAgreement.CohenKappa(a, b), 12);
        // With two categories every disagreement costs the same, so quadratic weights change nothing.
        Assert.Equal(expected, JudgeAgreement.CohenKappa(a, b, KappaWeights.Quadratic), 12);
    }

    [Fact]
    public void Kappa_is_1_for_perfect_agreement_and_quadratic_kappa_minus_1_for_the_reversed_scale()
    {
        int[] scale = [1, 2, 3, 4, 5];
        int[] reversed = [5, 4, 3, 2, 1];

        Assert.Equal(1.0, JudgeAgreement.CohenKappa(scale, scale), 12);
        Assert.Equal(1.0, JudgeAgreement.CohenKappa(scale, scale, KappaWeights.Quadratic), 12);
        // Observed cost sum (i-j)^2 / 5 = 40 / 5 = 8; chance cost with uniform marginals = 100 / 25 = 4 (both / 16).
        Assert.Equal(-1.0, JudgeAgreement.CohenKappa(scale, reversed, KappaWeights.Quadratic), 12);
        // Unweighted: p_o = 1/5 (the middle), p_e = 1/5 -> 0.
        Assert.Equal(0.0, JudgeAgreement.CohenKappa(scale, reversed), 12);
    }

    [Fact]
    public void Quadratic_kappa_matches_a_hand_computed_five_point_example()
    {
        int[] a = [1, 2, 3, 4, 5, 3, 2, 4];
        int[] b = [1, 3, 3, 5, 4, 3, 1, 4];
        // Quadratic kappa = 1 - E[(A-B)^2] / (Var A + Var B + (mean A - mean B)^2) = 1 - 0.5 / (1.5 + 1.75 + 0) = 11/13.
        Assert.Equal(11.0 / 13, JudgeAgreement.CohenKappa(a, b, KappaWeights.Quadratic), 12);
        // Unweighted: p_o = 4/8; marginals A (1,2,2,2,1)/8, B (2,0,3,2,1)/8 -> p_e = (2+0+6+4+1)/64 = 13/64.
        Assert.Equal((0.5 - (13.0 / 64)) / (1 - (13.0 / 64)), JudgeAgreement.CohenKappa(a, b), 12);
    }

    [Fact]
    public void Kappa_of_two_raters_giving_one_same_score_throughout_is_1()
    {
        Assert.Equal(1.0, JudgeAgreement.CohenKappa([4, 4, 4], [4, 4, 4]));
        Assert.Equal(0.0, JudgeAgreement.CohenKappa([4, 4, 4], [3, 3, 3]), 12);
    }

    [Fact]
    public void Kappa_rejects_scores_off_the_scale_and_lists_of_different_lengths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JudgeAgreement.CohenKappa([0, 1], [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => JudgeAgreement.CohenKappa([6, 1], [1, 1]));
        Assert.Throws<ArgumentException>(() => JudgeAgreement.CohenKappa([1, 2], [1]));
    }

    [Fact]
    public void Compare_pairs_raters_by_case_id_over_the_cases_both_scored()
    {
        var judge = new Dictionary<string, int> { ["a"] = 5, ["b"] = 4, ["c"] = 2, ["d"] = 1, ["only-judge"] = 3 };
        var people = new Dictionary<string, int> { ["d"] = 2, ["c"] = 2, ["b"] = 4, ["a"] = 5, ["only-people"] = 1 };

        var result = JudgeAgreement.Compare("judge", judge, "people", people);

        Assert.Equal(4, result.Cases);
        Assert.Equal(0.75, result.ExactAgreement, 12);
        Assert.Equal(0.25, result.MeanAbsoluteDifference, 12);
        // Judge (5,4,2,1) ranks (4,3,2,1); people (5,4,2,2) ranks (4,3,1.5,1.5): rho = 4.5 / sqrt(5 * 4.5).
        Assert.Equal(4.5 / Math.Sqrt(22.5), result.Spearman, 12);
        Assert.Equal(JudgeAgreement.CohenKappa([5, 4, 2, 1], [5, 4, 2, 2]), result.Kappa, 12);
    }

    [Fact]
    public void Overall_by_case_leaves_unjudged_items_out()
    {
        List<JudgeItem> items = [new("a", "x", ["a.com"]), new("b", "y", ["b.com"])];
        JudgeScore?[] scores = [null, new JudgeScore(1, 2, 3, 4, 5, 0.5, "r")];

        Assert.Equal(new Dictionary<string, int> { ["b"] = 5 }, JudgeAgreement.OverallByCase(items, scores));
    }

    /// <summary>A 2x2 table as two raters' scores: yes = 2, no = 1.</summary>
    private static (int[] A, int[] B) Table(int yesYes, int yesNo, int noYes, int noNo)
    {
        var pairs = Enumerable.Repeat((2, 2), yesYes)
            .Concat(Enumerable.Repeat((2, 1), yesNo))
            .Concat(Enumerable.Repeat((1, 2), noYes))
            .Concat(Enumerable.Repeat((1, 1), noNo))
            .ToList();
        return (pairs.Select(p => p.Item1).ToArray(), pairs.Select(p => p.Item2).ToArray());
    }
}
