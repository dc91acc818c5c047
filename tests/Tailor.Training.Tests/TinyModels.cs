using Tailor.Engine.Models;
using Tailor.Training.Adapters;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Tests;

/// <summary>
/// Tiny random Llama models (as Tailor.Engine.Tests builds them), small enough that a test builds and runs one in
/// milliseconds, plus the inputs and adapter weights the adapter tests share. Randomness always comes from a seeded
/// generator, never the global one, so tests running in parallel cannot disturb each other.
/// </summary>
internal static class TinyModels
{
    public static LlamaConfig Llama(bool tied = false) => new()
    {
        Architecture = LlamaConfig.Llama,
        VocabSize = 97,
        HiddenSize = 32,
        IntermediateSize = 64,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        HeadDim = 8,
        MaxPositionEmbeddings = 128,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        TieWordEmbeddings = tied,
    };

    public static LlamaForCausalLM Build(LlamaConfig? config = null, long seed = 1) =>
        new LlamaForCausalLM(config ?? Llama()).InitializeWeights(seed, std: 0.2);

    /// <summary>A batch of token ids [2, 6].</summary>
    public static Tensor Tokens() => tensor(new long[] { 1, 5, 9, 13, 2, 77, 40, 3, 96, 0, 18, 52 }, 2, 6);

    public static Generator Seeded(long seed) => new((ulong)seed);

    /// <summary>Gives every LoRA B random values, so that the adapters change the output (a fresh B is zero).</summary>
    public static void RandomizeLoraB(nn.Module model, long seed, double std = 0.1)
    {
        var generator = Seeded(seed);
        using var _ = no_grad();
        foreach (var (_, layer) in LoraInjector.LoraLayers(model))
        {
            var b = layer.LoraB.weight;
            b.copy_(normal(0, std, b.shape, b.dtype, b.device, generator: generator));
        }
    }

    /// <summary>Same shape, dtype and values (TorchSharp's Tensor.equal is elementwise, unlike torch.equal).</summary>
    public static bool BitIdentical(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && a.eq(b).all().item<bool>();

    public static float MaxDiff(Tensor a, Tensor b) => (a.to(ScalarType.Float32) - b.to(ScalarType.Float32)).abs().max().item<float>();
}
