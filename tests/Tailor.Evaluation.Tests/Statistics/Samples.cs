namespace Tailor.Evaluation.Tests.Statistics;

/// <summary>Seeded random samples for the statistical tests.</summary>
internal static class Samples
{
    public static double[] Bernoulli(Random random, int n, double p) =>
        [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() < p ? 1.0 : 0.0)];

    /// <summary>Normal draws by the Box-Muller transform.</summary>
    public static double[] Normal(Random random, int n, double mean, double sd) =>
        [.. Enumerable.Range(0, n).Select(_ =>
            mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
}
