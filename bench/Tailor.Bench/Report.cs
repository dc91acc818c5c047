using System.Globalization;
using System.Text;

namespace Tailor.Bench;

/// <summary>One (config, dtype, batch) case.</summary>
internal sealed record CaseResult(string Config, long Parameters, string Dtype, int BytesPerElement, int Batch, Timing Prefill, Timing Decode)
{
    public long WeightBytesPerToken => Parameters * BytesPerElement;
}

/// <summary>
/// The Markdown report. bench/pytorch_anchor.py prints the same layout, so the two can be diffed or
/// pasted side by side.
/// </summary>
internal sealed class Report(BenchOptions options, int threads, Timing copy, IReadOnlyList<CaseResult> rows, TimeSpan wall)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Copy bandwidth counting both the bytes read and the bytes written, GB/s (1e9).</summary>
    public double CopyReadWriteGBs => 2 * copy.MedianRate / 1e9;

    public string ToMarkdown(string engine)
    {
        var sb = new StringBuilder();
        void Line(string s = "") => sb.Append(s).Append('\n');

        Line($"# Engine benchmark: {engine}");
        Line();
        Line($"- CPU: {CpuName()}, {Environment.ProcessorCount} logical CPUs; torch intra-op threads: {threads}");
        Line($"- Method: {options.Warmup} warm-up + {options.Reps} timed repetitions per case; tok/s of the median repetition, range = slowest–fastest repetition{(options.Quick ? " (--quick smoke run)" : "")}");
        Line($"- Prefill: batch × {options.PromptTokens}-token prompt, one forward into an empty KV cache, last-position logits + argmax; tok/s = batch × {options.PromptTokens} / time");
        Line($"- Decode: {options.DecodePrefillTokens}-token prefill (untimed), then {options.DecodeSteps} greedy single-token steps with the KV cache; tok/s = batch × {options.DecodeSteps} / time");
        Line(string.Create(Inv, $"- Copy bandwidth (256 MiB float32 `copy_`, median of {copy.Seconds.Count}): {CopyReadWriteGBs:F1} GB/s counting read + write (range {2 * copy.MinRate / 1e9:F1}–{2 * copy.MaxRate / 1e9:F1}), {copy.MedianRate / 1e9:F1} GB/s counting the bytes copied once"));
        Line("- Weights are random (seed 1234); GB, MB = 1e9, 1e6 bytes");
        Line(string.Create(Inv, $"- Wall time: {wall.TotalSeconds:F0} s"));
        Line();
        Line("## Throughput");
        Line();
        Line("| model | params | dtype | batch | prefill tok/s | prefill range | decode tok/s | decode range |");
        Line("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Line($"| {r.Config} | {r.Parameters.ToString("N0", Inv)} | {r.Dtype} | {r.Batch} | " +
                 $"{Fmt(r.Prefill.MedianRate)} | {Fmt(r.Prefill.MinRate)}–{Fmt(r.Prefill.MaxRate)} | " +
                 $"{Fmt(r.Decode.MedianRate)} | {Fmt(r.Decode.MinRate)}–{Fmt(r.Decode.MaxRate)} |");
        }
        Line();
        Line("## Memory-bandwidth bound, batch-1 decode");
        Line();
        Line("A decode step reads every weight once: bound tok/s = copy bandwidth (read + write) / weight bytes per token, " +
             "weight bytes = parameter count × bytes per element. This counts the whole embedding table (a step reads one row) " +
             "and leaves out the KV cache and activations.");
        Line();
        Line("| model | dtype | weight MB/token | bound tok/s | decode tok/s | fraction of bound |");
        Line("|---|---|---:|---:|---:|---:|");
        var single = rows.Where(r => r.Batch == 1).ToList();
        foreach (var r in single)
        {
            double bound = CopyReadWriteGBs * 1e9 / r.WeightBytesPerToken;
            double measured = r.Decode.MedianRate;
            Line(string.Create(Inv,
                $"| {r.Config} | {r.Dtype} | {r.WeightBytesPerToken / 1e6:F1} | {Fmt(bound)} | {Fmt(measured)} | {100 * measured / bound:F0}% |"));
        }
        if (single.Count == 0) Line("| (no batch-1 case was run) | | | | | |");
        return sb.ToString();
    }

    /// <summary>Three or more significant digits, thousands separated.</summary>
    public static string Fmt(double x) =>
        x >= 100 ? x.ToString("N0", Inv) : x >= 10 ? x.ToString("F1", Inv) : x.ToString("F2", Inv);

    /// <summary>The CPU's model name from /proc/cpuinfo, or the architecture.</summary>
    internal static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}
