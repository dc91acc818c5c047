using Tailor.Engine.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Models;

/// <summary>
/// A model folder in Hugging Face layout: <c>config.json</c> plus <c>model.safetensors</c> (or shards with
/// <c>model.safetensors.index.json</c>). Tokenizer files live beside them and are read by <c>TextTokenizer</c>.
/// </summary>
public static class LlamaCheckpoint
{
    /// <summary>HF's default shard size for save_pretrained.</summary>
    public const long DefaultMaxShardBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// Builds the model from <c>config.json</c> and loads its weights strictly: every missing, unexpected or
    /// mis-shaped tensor is named. The model is built in <paramref name="dtype"/> (default: the config's
    /// <c>torch_dtype</c>) so that peak memory stays near the model plus one shard's tensors.
    /// </summary>
    public static LlamaForCausalLM Load(string modelDir, ScalarType? dtype = null, Device? device = null)
    {
        var config = LlamaConfig.Load(modelDir);
        var type = dtype ?? DtypeNames.Parse(config.TorchDtype, $"{Path.Combine(modelDir, "config.json")}: 'torch_dtype'");
        var model = new LlamaForCausalLM(config);
        model.to(type);
        if (device is not null) model.to(device);

        using var scope = NewDisposeScope();
        var tensors = SafeTensorsReader.LoadDirectory(modelDir, type, device);
        // A tied model reuses embed_tokens for the head; some exporters still write lm_head.weight.
        var ignored = config.TieWordEmbeddings ? new HashSet<string> { "lm_head.weight" } : null;
        StateDictLoader.LoadInto(model, tensors, modelDir, strict: true, ignoredKeys: ignored);
        foreach (var t in tensors.Values) t.Dispose();
        return model;
    }

    /// <summary>Writes <c>config.json</c> and the weights (sharded above <paramref name="maxShardBytes"/>).</summary>
    public static void Save(LlamaForCausalLM model, string modelDir, long maxShardBytes = DefaultMaxShardBytes)
    {
        Directory.CreateDirectory(modelDir);
        using var scope = NewDisposeScope();
        (model.Config with { TorchDtype = DtypeNames.Name(model.DType) }).Save(modelDir);
        SafeTensorsWriter.SaveSharded(StateDictLoader.StateDict(model), modelDir, maxShardBytes,
            new Dictionary<string, string> { ["format"] = "pt" });
    }
}
