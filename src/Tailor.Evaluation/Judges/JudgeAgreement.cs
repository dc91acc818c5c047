namespace Tailor.Evaluation.Judges;

/// <summary>Agreement statistics between two raters' scores of the same cases.</summary>
public static class JudgeAgreement
{
    /// <summary>
    /// Spearman's rank correlation: the Pearson correlation of the two lists' ranks, ties given the average of the
    /// ranks they span (so it stays exact with ties, unlike 1 - 6 sum d^2 / (n (n^2 - 1))). 1 when the orders agree,
    /// -1 when reversed; NaN with fewer than two pairs or when either list is constant.
    /// </summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        SameLength(x.Count, y.Count);
        return x.Count < 2 ? double.NaN : Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>
    /// Cohen's kappa between two raters' integer scores on the scale <paramref name="min"/>..<paramref name="max"/>:
    /// kappa = 1 - (sum w_ij O_ij) / (sum w_ij E_ij), where O is the observed joint distribution of the pairs, E the
    /// product of the two raters' marginals (chance agreement), and w_ij the cost of rating i against j: 1 off the
    /// diagonal when <see cref="KappaWeights.Unweighted"/> (giving (p_o - p_e) / (1 - p_e)), (i - j)^2 / (max - min)^2
    /// when <see cref="KappaWeights.Quadratic"/>. 1 is perfect agreement, 0 chance, below 0 worse than chance.
    /// When both raters give one and the same score throughout, chance explains everything (0/0) and 1 is returned,
    /// since they agree on every case. NaN with no pairs.
    /// </summary>
    public static double CohenKappa(
        IReadOnlyList<int> a, IReadOnlyList<int> b, KappaWeights weights = KappaWeights.Unweighted,
        int min = JudgeScore.MinScore, int max = JudgeScore.MaxScore)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        SameLength(a.Count, b.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(max, min);
        if (a.Count == 0)
        {
            return double.NaN;
        }
        var k = max - min + 1;
        var observed = new double[k, k];
        var marginalA = new double[k];
        var marginalB = new double[k];
        for (var n = 0; n < a.Count; n++)
        {
            var i = Category(a[n], min, max);
            var j = Category(b[n], min, max);
            observed[i, j] += 1.0 / a.Count;
            marginalA[i] += 1.0 / a.Count;
            marginalB[j] += 1.0 / a.Count;
        }
        double observedCost = 0, chanceCost = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var weight = weights == KappaWeights.Quadratic
                    ? (double)((i - j) * (i - j)) / ((k - 1) * (k - 1))
                    : i == j ? 0 : 1;
                observedCost += weight * observed[i, j];
                chanceCost += weight * marginalA[i] * marginalB[j];
            }
        }
        return chanceCost < 1e-12 ? 1.0 : 1.0 - (observedCost / chanceCost);
    }

    /// <summary>Compares two raters' overall scores on the cases both scored (by case id).</summary>
    public static AgreementResult Compare(
        string raterA, IReadOnlyDictionary<string, int> a, string raterB, IReadOnlyDictionary<string, int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var common = a.Keys.Where(b.ContainsKey).Order(StringComparer.Ordinal).ToList();
        var scoresA = common.Select(id => a[id]).ToList();
        var scoresB = common.Select(id => b[id]).ToList();
        var pairs = scoresA.Zip(scoresB).ToList();
        return new AgreementResult(
            raterA,
            raterB,
            common.Count,
            Spearman(scoresA.ConvertAll(s => (double)s), scoresB.ConvertAll(s => (double)s)),
            CohenKappa(scoresA, scoresB),
            CohenKappa(scoresA, scoresB, KappaWeights.Quadratic),
            pairs.Count == 0 ? double.NaN : pairs.Average(p => p.First == p.Second ? 1.0 : 0.0),
            pairs.Count == 0 ? double.NaN : pairs.Average(p => (double)Math.Abs(p.First - p.Second)));
    }

    /// <summary>The overall score of each judged item by case id (unjudged items left out); lines up items with scores.</summary>
    public static IReadOnlyDictionary<string, int> OverallByCase(IReadOnlyList<JudgeItem> items, IReadOnlyList<JudgeScore?> scores)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        SameLength(items.Count, scores.Count);
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (scores[i] is { } score)
            {
                overall[items[i].CaseId] = score.Overall;
            }
        }
        return overall;
    }

    /// <summary>1-based ranks, ties sharing the mean of the ranks they span.</summary>
    internal static double[] AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }
            // Positions start..end (0-based) hold ranks start+1..end+1, whose mean is this.
            var rank = ((start + end) / 2.0) + 1;
            for (var p = start; p <= end; p++)
            {
                ranks[order[p]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
            varianceY += (y[i] - meanY) * (y[i] - meanY);
        }
        return varianceX == 0 || varianceY == 0 ? double.NaN : covariance / Math.Sqrt(varianceX * varianceY);
    }

    private static int Category(int score, int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, max);
        return score - min;
    }

    private static void SameLength(int a, int b)
    {
        if (a != b)
        {
            throw new ArgumentException($"the two lists differ in length ({a} and {b}).");
        }
    }
}
