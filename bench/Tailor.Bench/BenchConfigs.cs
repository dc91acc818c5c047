using Tailor.Engine.Models;

namespace Tailor.Bench;

/// <summary>
/// The benchmarked model shapes (random weights). bench/pytorch_anchor.py defines the same ones:
/// change both together.
/// </summary>
internal static class BenchConfigs
{
    public static readonly IReadOnlyList<string> Names = ["8m", "20m", "120m"];

    // The vocabularies are those of a small BPE (8k) and of Llama-2 (32k); the shapes are the presets'.
    public static LlamaConfig Get(string name) => name switch
    {
        "8m" => ModelPresets.Create("8m", vocabSize: 4096),
        "20m" => ModelPresets.Create("20m", vocabSize: 8192),
        "120m" => ModelPresets.Create("120m", vocabSize: 32000),
        _ => throw new ArgumentException($"unknown benchmark config '{name}'", nameof(name)),
    };
}
