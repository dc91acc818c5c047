using Tailor.Engine.Models;

namespace Tailor.Engine.Tests;

/// <summary>Tiny random configurations, small enough that a test builds and runs them in milliseconds.</summary>
internal static class TinyModels
{
    public static LlamaConfig Llama(bool tied = false, int kvHeads = 2) => new()
    {
        Architecture = LlamaConfig.Llama,
        VocabSize = 97,
        HiddenSize = 32,
        IntermediateSize = 64,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = kvHeads,
        HeadDim = 8,
        MaxPositionEmbeddings = 128,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        TieWordEmbeddings = tied,
    };

    public static LlamaConfig Qwen2() => Llama(tied: true) with { Architecture = LlamaConfig.Qwen2, QkvBias = true };

    public static LlamaConfig Mistral(int window) => Llama() with { Architecture = LlamaConfig.Mistral, SlidingWindow = window };

    public static LlamaForCausalLM Build(LlamaConfig config, long seed = 1) =>
        new LlamaForCausalLM(config).InitializeWeights(seed, std: 0.2);
}
