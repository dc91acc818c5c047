using System.Diagnostics;

namespace Tailor.Bench;

/// <summary>Timed repetitions of one case: seconds per repetition, and the work each repetition did.</summary>
internal sealed record Timing(IReadOnlyList<double> Seconds, double WorkPerRep)
{
    public double MedianSeconds => Median(Seconds);

    /// <summary>Rate (work per second) of the median repetition.</summary>
    public double MedianRate => WorkPerRep / MedianSeconds;

    /// <summary>Slowest repetition's rate.</summary>
    public double MinRate => WorkPerRep / Seconds.Max();

    /// <summary>Fastest repetition's rate.</summary>
    public double MaxRate => WorkPerRep / Seconds.Min();

    /// <summary>(max − min) / median of the rates, a crude but honest spread.</summary>
    public double RelativeSpread => (MaxRate - MinRate) / MedianRate;

    static double Median(IReadOnlyList<double> xs)
    {
        var sorted = xs.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

/// <summary>
/// A deliberately small harness: each case runs for (milli)seconds, so warm-up iterations followed by
/// a handful of timed repetitions, each timed with <see cref="Stopwatch"/>, are enough.
/// </summary>
internal static class Harness
{
    /// <summary>Print every repetition's time to stderr.</summary>
    public static bool Verbose { get; set; }

    /// <summary>
    /// Runs <paramref name="repetition"/> <paramref name="warmup"/> times untimed, then
    /// <paramref name="reps"/> times timed. A repetition times only its own measured region (so set-up
    /// such as allocating a KV cache or a decode's prefill stays out) and returns the elapsed seconds.
    /// </summary>
    public static Timing Run(int warmup, int reps, double workPerRep, Func<double> repetition)
    {
        for (int i = 0; i < warmup; i++) repetition();
        var seconds = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            // Collect managed garbage (and with it any undisposed native tensors) outside the timed region.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            seconds[i] = repetition();
        }
        if (Verbose) Console.Error.WriteLine("  reps (ms): " + string.Join(" ", seconds.Select(s => (s * 1e3).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
        return new Timing(seconds, workPerRep);
    }

    /// <summary>Times <paramref name="action"/> alone and returns seconds.</summary>
    public static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
