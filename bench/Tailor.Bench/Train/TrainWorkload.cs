using Tailor.Engine.Models;
using Tailor.Training.Adapters;
using Tailor.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Bench.Train;

/// <summary>
/// The benchmarked training set-up. bench/pytorch_train_anchor.py defines the same model, batch, optimizer and FLOP
/// formula: change both together.
/// </summary>
internal static class TrainShape
{
    public const int Batch = 16;
    public const int Seq = 128;
    public const int TokensPerStep = Batch * Seq;
    public const double LearningRate = 1e-4;
    public const double WeightDecay = 0.01;
    public const double MaxGradNorm = 1.0;
    public const int LoraRank = 16;
    public const double LoraAlpha = 32;
    public static readonly string[] LoraTargets = ["q_proj", "k_proj", "v_proj", "o_proj"];
    public const long Seed = 1234;

    public static readonly LlamaConfig Config = new LlamaConfig
    {
        VocabSize = 8192,
        HiddenSize = 512,
        IntermediateSize = 1376,
        NumHiddenLayers = 6,
        NumAttentionHeads = 8,
        NumKeyValueHeads = 4,
        HeadDim = 64,
        MaxPositionEmbeddings = 512,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        TieWordEmbeddings = true,
    }.Validate("train benchmark config");

    static LlamaConfig C => Config;
    static long AttnWidth => (long)C.NumAttentionHeads * C.HeadDim;
    static long KvWidth => (long)C.NumKeyValueHeads * C.HeadDim;

    /// <summary>
    /// N: weights that take part in a matmul, per token — every q/k/v/o and MLP weight, plus the tied head counted
    /// once (vocab × hidden). The embedding lookup and the norm weights do no matmul and are left out.
    /// </summary>
    public static long MatmulParameters =>
        C.NumHiddenLayers * (C.HiddenSize * AttnWidth + 2 * C.HiddenSize * KvWidth + AttnWidth * C.HiddenSize + 3L * C.HiddenSize * C.IntermediateSize)
        + (long)C.VocabSize * C.HiddenSize;

    /// <summary>LoRA parameters: r · (in + out) for each of q/k/v/o in every layer.</summary>
    public static long LoraParameters =>
        C.NumHiddenLayers * (long)LoraRank * ((C.HiddenSize + AttnWidth) + 2 * (C.HiddenSize + KvWidth) + (AttnWidth + C.HiddenSize));

    /// <summary>
    /// Attention score and value matmuls per token, training: forward QKᵀ and PV are 2·s·d each per layer (d = heads ×
    /// head_dim, the full s × s matrix as PaLM counts it, causal masking not discounted); backward is twice forward.
    /// </summary>
    public static double AttentionFlopsPerToken => 12.0 * C.NumHiddenLayers * AttnWidth * Seq;

    /// <summary>
    /// Training FLOPs per token. Full: 6N + 12·L·d·s (forward 2N, backward 4N: input and weight gradients).
    /// LoRA: the frozen base needs input gradients only, 4N; the adapters 6·N_lora; attention as for full.
    /// </summary>
    public static double FlopsPerToken(string method) => method switch
    {
        "full" => 6.0 * MatmulParameters + AttentionFlopsPerToken,
        "lora" => 4.0 * MatmulParameters + 6.0 * LoraParameters + AttentionFlopsPerToken,
        _ => throw new ArgumentException($"unknown method '{method}'", nameof(method)),
    };

    public static (string Method, ScalarType Dtype) ParseCase(string name) => name switch
    {
        "full-fp32" => ("full", ScalarType.Float32),
        "full-bf16" => ("full", ScalarType.BFloat16),
        "lora-fp32" => ("lora", ScalarType.Float32),
        "lora-bf16" => ("lora", ScalarType.BFloat16),
        _ => throw new ArgumentException($"unknown case '{name}'", nameof(name)),
    };

    public static string DtypeName(string caseName) => caseName.EndsWith("bf16", StringComparison.Ordinal) ? "bf16" : "fp32";
}

/// <summary>
/// One case's model, optimizer and batch, built as RecipeRunner builds them, and the training step as
/// <see cref="SftTrainer"/> runs it (without the data loader, logging and checkpoints).
/// </summary>
internal sealed class TrainWorkload : IDisposable
{
    readonly LlamaForCausalLM model;
    readonly AdamW optimizer;
    readonly Tensor inputIds, labels;
    readonly long labelTokens;
    long step;

    public string Method { get; }
    public long Parameters { get; }
    public long TrainableParameters { get; }

    /// <summary>Mean loss per labelled token of the last step.</summary>
    public double LastLoss { get; private set; } = double.NaN;

    public TrainWorkload(string caseName)
    {
        (Method, var dtype) = TrainShape.ParseCase(caseName);
        model = new LlamaForCausalLM(TrainShape.Config).InitializeWeights(TrainShape.Seed);
        // As RecipeRunner.BuildModel: the whole model in the compute dtype (AdamW keeps fp32 masters for bf16
        // parameters); LoRA adapters in fp32 on top, seeded from the run's seed.
        if (dtype != ScalarType.Float32) model.to(dtype);
        if (Method == "lora")
        {
            var lora = new LoraConfig { R = TrainShape.LoraRank, Alpha = TrainShape.LoraAlpha, TargetModules = LoraTargets.Names(TrainShape.LoraTargets) };
            LoraInjector.Apply(model, lora, ScalarType.Float32, new Generator((ulong)TrainShape.Seed));
        }
        model.train();
        Parameters = model.parameters().Sum(p => p.numel());
        TrainableParameters = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        // As SftTrainer.Train: every parameter that requires gradients, default betas and eps.
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        optimizer = new AdamW(trainable, weightDecay: TrainShape.WeightDecay);

        // Random tokens, every position labelled, no padding: SftTrainer then passes no mask (fused causal attention).
        var generator = new Generator((ulong)TrainShape.Seed);
        inputIds = randint(0, TrainShape.Config.VocabSize, [TrainShape.Batch, TrainShape.Seq], ScalarType.Int64, generator: generator).DetachFromDisposeScope();
        labels = inputIds.clone().DetachFromDisposeScope();
        labelTokens = (long)TrainShape.Batch * (TrainShape.Seq - 1);
    }

    /// <summary>One optimizer step with one micro-batch: the body of SftTrainer.Train's step loop.</summary>
    public void Step()
    {
        model.train();
        torch.manual_seed(TrainShape.Seed * 1_000_003 + step);
        using (var scope = NewDisposeScope())
        {
            var logits = model.forward(inputIds, null);
            var (lossSum, tokens, _) = CausalLmLoss.Compute(logits, labels);
            (lossSum / labelTokens).backward();
            LastLoss = lossSum.item<float>() / Math.Max(1, tokens);
        }
        optimizer.ClipGradNorm(TrainShape.MaxGradNorm);
        optimizer.Update(TrainShape.LearningRate);
        optimizer.ZeroGrad();
        step++;
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        inputIds.Dispose();
        labels.Dispose();
    }
}

internal static class GemmPeak
{
    /// <summary>
    /// A square <paramref name="n"/>³ matmul in <paramref name="dtype"/>, timed <paramref name="reps"/> times after a
    /// warm-up; work per repetition 2·n³ FLOPs.
    /// </summary>
    public static Timing Measure(ScalarType dtype, int n, int warmup, int reps)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)TrainShape.Seed);
        var a = randn([n, n], generator: generator).to(dtype);
        var b = randn([n, n], generator: generator).to(dtype);
        return Harness.Run(warmup, reps, 2.0 * n * n * n, () => Harness.Time(() =>
        {
            using var c = matmul(a, b);
        }));
    }
}
