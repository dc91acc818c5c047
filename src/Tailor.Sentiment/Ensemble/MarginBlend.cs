namespace Tailor.Sentiment.Ensemble;

/// <summary>
/// Stacking of a few models' log-odds margins: p(positive) = σ(bias + Σ weight_i · margin_i), the weights fitted by
/// logistic regression on held-out rows (never on the rows any member trained on, never on the test split).
/// Three or four numbers, so 2,500 validation reviews fit them without over-fitting; Newton's method makes the fit
/// exact and deterministic.
/// </summary>
public sealed record MarginBlend(double Bias, IReadOnlyList<double> Weights)
{
    public float Margin(IReadOnlyList<float> margins)
    {
        ArgumentNullException.ThrowIfNull(margins);
        if (margins.Count != Weights.Count) throw new ArgumentException($"{margins.Count} margins for a blend of {Weights.Count} models", nameof(margins));
        double z = Bias;
        for (int i = 0; i < margins.Count; i++) z += Weights[i] * margins[i];
        return (float)z;
    }

    /// <summary>Fits the blend on per-model margins (<paramref name="margins"/>[model][row]) and 0/1 labels.</summary>
    public static MarginBlend Fit(IReadOnlyList<float[]> margins, IReadOnlyList<int> labels, double l2 = 1e-3, int iterations = 50)
    {
        ArgumentNullException.ThrowIfNull(margins);
        ArgumentNullException.ThrowIfNull(labels);
        int k = margins.Count + 1, n = labels.Count;
        if (margins.Any(m => m.Length != n)) throw new ArgumentException("every model needs one margin per label", nameof(margins));
        double X(int row, int j) => j == 0 ? 1 : margins[j - 1][row];
        var beta = new double[k];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[k];
            var hessian = new double[k, k];
            for (int row = 0; row < n; row++)
            {
                double z = 0;
                for (int j = 0; j < k; j++) z += beta[j] * X(row, j);
                double p = 1 / (1 + Math.Exp(-z)), w = p * (1 - p);
                for (int j = 0; j < k; j++)
                {
                    gradient[j] += (p - labels[row]) * X(row, j);
                    for (int m = 0; m < k; m++) hessian[j, m] += w * X(row, j) * X(row, m);
                }
            }
            for (int j = 1; j < k; j++)
            {
                gradient[j] += l2 * n * beta[j];
                hessian[j, j] += l2 * n;
            }
            var step = Solve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < k; j++)
            {
                beta[j] -= step[j];
                size = Math.Max(size, Math.Abs(step[j]));
            }
            if (size < 1e-10) break;
        }
        return new MarginBlend(beta[0], beta[1..]);
    }

    /// <summary>Gaussian elimination with partial pivoting (k, the bias and one weight per member, is 3 or 4 here).</summary>
    static double[] Solve(double[,] a, double[] b)
    {
        int k = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < k; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            for (int c = 0; c < k; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (int r = 0; r < k; r++)
            {
                if (r == col) continue;
                double f = m[r, col] / m[col, col];
                for (int c = 0; c < k; c++) m[r, c] -= f * m[col, c];
                x[r] -= f * x[col];
            }
        }
        for (int i = 0; i < k; i++) x[i] /= m[i, i];
        return x;
    }
}
