namespace Tailor.Engine.Models;

/// <summary>
/// Named shapes for models we create from scratch (we have no pretrained weights here). The vocabulary
/// size comes from the tokenizer the model is paired with.
/// </summary>
public static class ModelPresets
{
    public static IReadOnlyList<string> Names { get; } = ["tiny", "8m", "20m", "120m"];

    public static LlamaConfig Create(string preset, int vocabSize, string architecture = LlamaConfig.Llama)
    {
        var shape = preset switch
        {
            // Seconds to train on a laptop CPU; for trying things out and for tests.
            "tiny" => new LlamaConfig { HiddenSize = 64, IntermediateSize = 172, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 2, HeadDim = 16, MaxPositionEmbeddings = 512 },
            // The shipped domain model's size: small enough to train for several epochs in an hour on 2 cores and to
            // decode 10 names in milliseconds.
            "8m" => new LlamaConfig { HiddenSize = 256, IntermediateSize = 768, NumHiddenLayers = 6, NumAttentionHeads = 4, NumKeyValueHeads = 2, HeadDim = 64, MaxPositionEmbeddings = 512 },
            "20m" => new LlamaConfig { HiddenSize = 384, IntermediateSize = 1024, NumHiddenLayers = 8, NumAttentionHeads = 6, NumKeyValueHeads = 2, HeadDim = 64, MaxPositionEmbeddings = 1024 },
            "120m" => new LlamaConfig { HiddenSize = 768, IntermediateSize = 2048, NumHiddenLayers = 12, NumAttentionHeads = 12, NumKeyValueHeads = 4, HeadDim = 64, MaxPositionEmbeddings = 2048 },
            _ => throw new EngineException($"unknown model preset '{preset}'; expected one of {string.Join(", ", Names)}"),
        };
        return (shape with
        {
            Architecture = architecture,
            VocabSize = vocabSize,
            RmsNormEps = 1e-5,
            RopeTheta = 10000,
            TieWordEmbeddings = preset == "tiny",
            QkvBias = architecture == LlamaConfig.Qwen2,
            TorchDtype = "float32",
        }).Validate($"preset '{preset}'");
    }
}
