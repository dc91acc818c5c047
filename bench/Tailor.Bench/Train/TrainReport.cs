using System.Globalization;
using System.Text;
using static Tailor.Bench.Report;

namespace Tailor.Bench.Train;

/// <summary>
/// The Markdown report of the <c>train</c> subcommand. bench/pytorch_train_anchor.py prints the same layout (without
/// the comparison, which needs both runs).
/// </summary>
internal static class TrainReport
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Targets printed next to the comparison: (minimum tok/s ratio over PyTorch, minimum MFU) per dtype.</summary>
    public static (double Ratio, double Mfu) Target(string dtype) => dtype == "bf16" ? (1.7, 0.40) : (1.5, 0.65);

    public static string ToMarkdown(TrainRun run, IReadOnlyDictionary<string, Timing> peakTimings, TrainRun? anchor, string? anchorFile)
    {
        var sb = new StringBuilder();
        void Line(string s = "") => sb.Append(s).Append('\n');
        var c = TrainShape.Config;

        Line($"# Training benchmark: {run.Engine}");
        Line();
        Line($"- CPU: {run.Cpu}, {Environment.ProcessorCount} logical CPUs; torch intra-op threads: {run.Threads}");
        Line($"- Model: Llama, hidden {c.HiddenSize}, {c.NumHiddenLayers} layers, {c.NumAttentionHeads} heads / {c.NumKeyValueHeads} KV heads " +
             $"(head dim {c.HeadDim}), MLP {c.IntermediateSize}, vocab {c.VocabSize}, tied embeddings; random weights (seed {TrainShape.Seed})");
        Line(string.Create(Inv, $"- Batch: {TrainShape.Batch} × {TrainShape.Seq} random token ids, every position labelled ({TrainShape.TokensPerStep:N0} tokens per step); " +
             $"AdamW lr {TrainShape.LearningRate:0.#####}, betas 0.9/0.999, weight decay {TrainShape.WeightDecay} (not on norms), gradient clipping {TrainShape.MaxGradNorm:F1}"));
        Line($"- LoRA: r {TrainShape.LoraRank}, alpha {TrainShape.LoraAlpha}, on {string.Join("/", TrainShape.LoraTargets.Select(t => t[0..1]))}, adapters fp32. " +
             "bf16: the model (the LoRA base) cast to bf16, AdamW keeps fp32 master weights and moments");
        Line($"- Step: forward + CausalLmLoss + backward + clip + AdamW update + zero grad, as SftTrainer runs it; {run.Warmup} warm-up + {run.Steps} timed steps " +
             $"per case, each case in a fresh process; figures from the median step, range = fastest–slowest step{(run.Quick ? " (--quick smoke run)" : "")}");
        Line(string.Create(Inv, $"- FLOPs per token: N = {TrainShape.MatmulParameters:N0} matmul weights (q/k/v/o and MLP of every layer, the tied head once; " +
             $"not the embedding lookup or the norms); attention 12·L·d·s = {TrainShape.AttentionFlopsPerToken / 1e6:F2} M (d = heads × head dim, s = {TrainShape.Seq}, " +
             $"whole s × s matrix); full: 6N + attention = {TrainShape.FlopsPerToken("full") / 1e6:F1} M; LoRA: 4N (frozen base: input gradients only) + " +
             $"6·N_lora (N_lora = {TrainShape.LoraParameters:N0}) + attention = {TrainShape.FlopsPerToken("lora") / 1e6:F1} M"));
        var peakText = string.Join(", ", peakTimings.Select(p => string.Create(Inv,
            $"{p.Key} {p.Value.MedianRate / 1e9:F1} GFLOP/s (range {p.Value.MinRate / 1e9:F1}–{p.Value.MaxRate / 1e9:F1})")));
        Line($"- GEMM peak ({run.GemmSize}³ `matmul`, median of {peakTimings.Values.First().Seconds.Count}): {peakText}; MFU = achieved FLOP/s / the peak of the case's dtype");
        Line("- Peak RSS: VmHWM of the case's process; baseline = VmHWM before the model is built (runtime + libtorch); MB = 1e6 bytes");
        Line(string.Create(Inv, $"- Wall time: {run.WallSeconds:F0} s"));
        Line();
        Line("## Throughput");
        Line();
        Line("| case | trainable params | step ms | step range ms | tok/s | GFLOP/s | MFU | peak RSS MB | baseline RSS MB | loss first → last |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in run.Cases)
        {
            Line(string.Create(Inv,
                $"| {r.Case} | {r.TrainableParameters:N0} | {Fmt(r.MedianStepSeconds * 1e3)} | {Fmt(r.StepSeconds.Min() * 1e3)}–{Fmt(r.StepSeconds.Max() * 1e3)} | " +
                $"{Fmt(r.TokensPerSecond)} | {Fmt(r.AchievedFlops / 1e9)} | {100 * r.Mfu:F0}% | {Mb(r.PeakRssBytes)} | {Mb(r.BaselineRssBytes)} | {r.FirstLoss:F3} → {r.LastLoss:F3} |"));
        }
        if (anchor is not null) Comparison(Line, run, anchor, anchorFile ?? "the anchor");
        return sb.ToString();
    }

    static void Comparison(Action<string> line, TrainRun tailor, TrainRun anchor, string anchorFile)
    {
        line("");
        line("## Tailor vs PyTorch");
        line("");
        line($"PyTorch figures from `{anchorFile}`: {anchor.Engine}; {anchor.Warmup} warm-up + {anchor.Steps} timed steps{(anchor.Quick ? " (--quick smoke run)" : "")}.");
        if (anchor.Threads != tailor.Threads || anchor.GemmSize != tailor.GemmSize)
            line($"**Warning**: the runs differ (threads {tailor.Threads} vs {anchor.Threads}, GEMM size {tailor.GemmSize} vs {anchor.GemmSize}).");
        line("MFU here is measured against the higher of the two programs' GEMM peaks for the case's dtype (the best this CPU was seen to do), " +
             "so both columns share one denominator: " +
             string.Join("; ", tailor.GemmPeakFlops.Keys.Select(d => string.Create(Inv,
                 $"{d}: Tailor {tailor.GemmPeakFlops[d] / 1e9:F1}, PyTorch {Peak(anchor, d) / 1e9:F1} → {CommonPeak(tailor, anchor, d) / 1e9:F1} GFLOP/s"))) + ".");
        line("Targets: fp32 ≥ 1.5× PyTorch's tok/s and ≥ 65% MFU; bf16 ≥ 1.7× and ≥ 40% MFU.");
        line("");
        line("| case | Tailor tok/s | PyTorch tok/s | ratio | ratio target | Tailor MFU | PyTorch MFU | MFU target | Tailor peak RSS MB | PyTorch peak RSS MB |");
        line("|---|---:|---:|---:|---|---:|---:|---|---:|---:|");
        foreach (var t in tailor.Cases)
        {
            var p = anchor.Cases.FirstOrDefault(a => a.Case == t.Case);
            var (ratioTarget, mfuTarget) = Target(t.Dtype);
            double peak = CommonPeak(tailor, anchor, t.Dtype);
            double tMfu = t.AchievedFlops / peak;
            string mfuCell = string.Create(Inv, $"≥ {100 * mfuTarget:F0}%: {Met(tMfu >= mfuTarget)}");
            if (p is null)
            {
                line(string.Create(Inv, $"| {t.Case} | {Fmt(t.TokensPerSecond)} | – | – | ≥ {ratioTarget:F1}×: no anchor | {100 * tMfu:F0}% | – | {mfuCell} | {Mb(t.PeakRssBytes)} | – |"));
                continue;
            }
            double ratio = t.TokensPerSecond / p.TokensPerSecond;
            line(string.Create(Inv,
                $"| {t.Case} | {Fmt(t.TokensPerSecond)} | {Fmt(p.TokensPerSecond)} | {ratio:F2}× | ≥ {ratioTarget:F1}×: {Met(ratio >= ratioTarget)} | " +
                $"{100 * tMfu:F0}% | {100 * p.AchievedFlops / peak:F0}% | {mfuCell} | {Mb(t.PeakRssBytes)} | {Mb(p.PeakRssBytes)} |"));
        }
    }

    static double Peak(TrainRun run, string dtype) => run.GemmPeakFlops.TryGetValue(dtype, out var v) ? v : 0;

    static double CommonPeak(TrainRun tailor, TrainRun anchor, string dtype) => Math.Max(Peak(tailor, dtype), Peak(anchor, dtype));

    static string Met(bool met) => met ? "**met**" : "not met";

    static string Mb(long bytes) => bytes < 0 ? "–" : (bytes / 1e6).ToString("N0", Inv);
}
