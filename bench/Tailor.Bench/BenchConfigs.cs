using Tailor.Engine.Models;

namespace Tailor.Bench;

/// <summary>
/// The benchmarked model shapes (random weights). bench/pytorch_anchor.py defines the same ones:
/// change both together.
/// </summary>
internal static class BenchConfigs
{
    public static readonly IReadOnlyList<string> Names = ["20m", "120m"];

    public static LlamaConfig Get(string name) => name switch
    {
        // ~19M parameters: a small Llama with grouped-query attention (6 query / 2 key-value heads).
        "20m" => new LlamaConfig
        {
            VocabSize = 8192,
            HiddenSize = 384,
            IntermediateSize = 1024,
            NumHiddenLayers = 8,
            NumAttentionHeads = 6,
            NumKeyValueHeads = 2,
            HeadDim = 64,
            MaxPositionEmbeddings = 2048,
            RmsNormEps = 1e-5,
            RopeTheta = 10000,
            TieWordEmbeddings = false,
        },
        // ~125M parameters: GPT-2-small width with a Llama-2 vocabulary, 12 query / 4 key-value heads.
        "120m" => new LlamaConfig
        {
            VocabSize = 32000,
            HiddenSize = 768,
            IntermediateSize = 2048,
            NumHiddenLayers = 12,
            NumAttentionHeads = 12,
            NumKeyValueHeads = 4,
            HeadDim = 64,
            MaxPositionEmbeddings = 2048,
            RmsNormEps = 1e-5,
            RopeTheta = 10000,
            TieWordEmbeddings = false,
        },
        _ => throw new ArgumentException($"unknown benchmark config '{name}'", nameof(name)),
    };
}
