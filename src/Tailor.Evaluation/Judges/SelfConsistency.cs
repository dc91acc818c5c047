using Microsoft.Extensions.AI;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// Checks how repeatable a judge is: every list is judged several times with the cache bypassed and a different
/// sampling seed each time (repeat r sends <see cref="LlmJudgeOptions.Seed"/> + r, at the options' temperature),
/// and the scores compared.
/// </summary>
public static class SelfConsistency
{
    /// <summary>Judges <paramref name="items"/> <paramref name="repeats"/> times through <paramref name="client"/>.</summary>
    public static async Task<SelfConsistencyResult> CheckAsync(
        IChatClient client, LlmJudgeOptions options, IReadOnlyList<JudgeItem> items, int repeats,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 2);
        var runs = new List<IReadOnlyList<JudgeScore?>>();
        var usage = JudgeUsage.None;
        for (var r = 0; r < repeats; r++)
        {
            var judge = new LlmJudge(client, options with { Cache = null, Seed = options.Seed + r });
            runs.Add(await judge.ScoreManyAsync(items, cancellationToken: cancellationToken).ConfigureAwait(false));
            usage = usage.Add(judge.Usage);
        }
        return Compare(runs, usage);
    }

    /// <summary>Compares repeated scores of the same items (each run lines up with the items; nulls are skipped).</summary>
    public static SelfConsistencyResult Compare(IReadOnlyList<IReadOnlyList<JudgeScore?>> runs, JudgeUsage usage)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs.Count, 2);
        var count = runs[0].Count;
        if (runs.Any(run => run.Count != count))
        {
            throw new ArgumentException("the runs differ in length.", nameof(runs));
        }
        // Only cases every run judged, so each pair of runs is compared on the same cases.
        var judged = Enumerable.Range(0, count).Where(i => runs.All(run => run[i] is not null)).ToList();
        if (judged.Count == 0)
        {
            return new SelfConsistencyResult(runs.Count, 0, double.NaN, double.NaN, double.NaN, double.NaN, usage);
        }
        var overall = runs.Select(run => judged.ConvertAll(i => run[i]!.Overall)).ToList();
        var stdDevs = judged.Select((_, c) => StdDev(overall.Select(run => (double)run[c]).ToList())).ToList();
        var unanimous = judged.Select((_, c) => overall.Select(run => run[c]).Distinct().Count() == 1 ? 1.0 : 0.0).Average();
        var kappas = new List<double>();
        var quadraticKappas = new List<double>();
        for (var a = 0; a < runs.Count; a++)
        {
            for (var b = a + 1; b < runs.Count; b++)
            {
                kappas.Add(JudgeAgreement.CohenKappa(overall[a], overall[b]));
                quadraticKappas.Add(JudgeAgreement.CohenKappa(overall[a], overall[b], KappaWeights.Quadratic));
            }
        }
        return new SelfConsistencyResult(
            runs.Count, judged.Count, stdDevs.Average(), unanimous, kappas.Average(), quadraticKappas.Average(), usage);
    }

    /// <summary>Population standard deviation: sqrt(mean((x - mean)^2)).</summary>
    private static double StdDev(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
