using Tailor.Sentiment.Ensemble;

namespace Tailor.Sentiment.Tests.Ensemble;

/// <summary><see cref="MarginBlend"/> fitted on margins drawn from a known logistic model.</summary>
public sealed class MarginBlendTests
{
    const double TrueBias = 0.5, TrueEncoder = 1.5, TrueNgram = 0.7;

    /// <summary>Two independent members' margins and labels drawn from σ(0.5 + 1.5·m₁ + 0.7·m₂).</summary>
    static (float[] Encoder, float[] Ngram, int[] Labels) Sample(int count, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var encoder = new float[count];
        var ngram = new float[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            encoder[i] = (float)(2 * Normal());
            ngram[i] = (float)(2 * Normal());
            double p = 1 / (1 + Math.Exp(-(TrueBias + TrueEncoder * encoder[i] + TrueNgram * ngram[i])));
            labels[i] = random.NextDouble() < p ? 1 : 0;
        }
        return (encoder, ngram, labels);
    }

    static double LogLoss(MarginBlend blend, IReadOnlyList<float[]> margins, int[] labels) =>
        -Enumerable.Range(0, labels.Length).Average(row =>
        {
            double z = blend.Margin([.. margins.Select(m => m[row])]);
            double p = 1 / (1 + Math.Exp(-z));
            return labels[row] == 1 ? Math.Log(p) : Math.Log(1 - p);
        });

    [Fact]
    public void Fit_recovers_the_weights_of_the_model_that_made_the_labels()
    {
        var (encoder, ngram, labels) = Sample(20_000, seed: 1);

        var blend = MarginBlend.Fit([encoder, ngram], labels);

        // Standard errors at 20,000 rows are about 0.03; the default L2 shrinks by well under 1%.
        Assert.Equal(TrueBias, blend.Bias, 0.1);
        Assert.Equal(2, blend.Weights.Count);
        Assert.Equal(TrueEncoder, blend.Weights[0], 0.1);
        Assert.Equal(TrueNgram, blend.Weights[1], 0.1);
    }

    [Fact]
    public void The_blend_fits_its_rows_better_than_either_member_alone()
    {
        var (encoder, ngram, labels) = Sample(3_000, seed: 2);

        var blend = MarginBlend.Fit([encoder, ngram], labels);
        double blended = LogLoss(blend, [encoder, ngram], labels);

        foreach (var member in new[] { encoder, ngram })
        {
            // The member as it is, and the member recalibrated (its own best bias and scale).
            Assert.True(blended < LogLoss(new MarginBlend(0, [1]), [member], labels));
            Assert.True(blended < LogLoss(MarginBlend.Fit([member], labels), [member], labels) - 0.01);
        }
    }

    [Fact]
    public void Fit_is_deterministic()
    {
        var (encoder, ngram, labels) = Sample(2_000, seed: 3);

        var first = MarginBlend.Fit([encoder, ngram], labels);
        var second = MarginBlend.Fit([encoder, ngram], labels);

        Assert.Equal(first.Bias, second.Bias);
        Assert.Equal(first.Weights, second.Weights);
    }

    [Fact]
    public void Margin_is_the_weighted_sum_and_checks_the_count()
    {
        var blend = new MarginBlend(0.25, [2, -1]);

        Assert.Equal(0.25f + 2 * 1.5f - 1 * 0.5f, blend.Margin([1.5f, 0.5f]), 5);
        var error = Assert.Throws<ArgumentException>(() => blend.Margin([1f]));
        Assert.Contains("1 margins for a blend of 2 models", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_wants_one_margin_per_label()
    {
        Assert.Throws<ArgumentException>(() => MarginBlend.Fit([new float[3], new float[2]], [0, 1, 0]));
    }
}
