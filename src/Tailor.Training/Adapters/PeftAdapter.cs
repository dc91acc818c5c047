using Tailor.Engine.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>
/// A LoRA adapter folder in HF PEFT's layout, so adapters move both ways between Tailor and Python
/// (<c>PeftModel.from_pretrained</c> / <c>save_pretrained</c>): <c>adapter_config.json</c> and
/// <c>adapter_model.safetensors</c>, whose keys are the model's LoRA parameter names prefixed with
/// <c>base_model.model.</c> (PEFT's wrapper path), e.g. <c>base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight</c>.
/// </summary>
public static class PeftAdapter
{
    public const string WeightsFileName = "adapter_model.safetensors";

    /// <summary>What PeftModel → LoraModel → the base model adds in front of every parameter name.</summary>
    public const string KeyPrefix = "base_model.model.";

    /// <summary>
    /// Writes the adapter of <paramref name="model"/> (its lora_A and lora_B weights only, in their own dtype) and its
    /// config. An <c>all-linear</c> target is written as the list of layer names it selected, as PEFT does.
    /// The weights go first, so a folder holding a config holds complete weights.
    /// </summary>
    public static void Save(nn.Module model, LoraConfig config, string dir, string? baseModelNameOrPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(dir);
        config.Validate();
        var layers = LoraInjector.LoraLayers(model);
        if (layers.Count == 0) throw new TrainingException("the model has no LoRA layers to save (apply LoRA first)");
        var mismatched = layers.FirstOrDefault(l => l.Layer.Rank != config.R || l.Layer.Scale != config.Scale);
        if (mismatched.Layer is not null)
        {
            throw new TrainingException(
                $"'{mismatched.Name}' has r={mismatched.Layer.Rank}, scale={mismatched.Layer.Scale}, but the config says r={config.R}, scale={config.Scale}");
        }
        if (config.TargetModules.IsAllLinear)
        {
            config = config with { TargetModules = LoraTargets.Names([.. layers.Select(l => LoraTargets.LastPart(l.Name)).Distinct().Order(StringComparer.Ordinal)]) };
        }

        Directory.CreateDirectory(dir);
        using var scope = NewDisposeScope();
        SafeTensorsWriter.Save(StateDict(model), Path.Combine(dir, WeightsFileName), new Dictionary<string, string> { ["format"] = "pt" });
        new PeftAdapterConfig(config, baseModelNameOrPath).Write(Path.Combine(dir, PeftAdapterConfig.FileName));
    }

    /// <summary>The adapter's config; errors name <c>adapter_config.json</c> and the field.</summary>
    public static PeftAdapterConfig ReadConfig(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        return PeftAdapterConfig.Read(Path.Combine(dir, PeftAdapterConfig.FileName));
    }

    /// <summary>
    /// Adds LoRA to <paramref name="model"/> as the folder's config says and loads its weights strictly: every
    /// missing, unexpected or mis-shaped key is named at once, and on any error the model is left without LoRA.
    /// Keys with PEFT's adapter name (<c>lora_A.default.weight</c>) are accepted as well as without it.
    /// </summary>
    /// <exception cref="CheckpointMismatchException">The weights do not fit the config or the model.</exception>
    public static PeftAdapterConfig Load(nn.Module model, string dir, ScalarType adapterDtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = ReadConfig(dir);
        var weightsPath = Path.Combine(dir, WeightsFileName);
        if (!File.Exists(weightsPath))
        {
            var hint = File.Exists(Path.Combine(dir, "adapter_model.bin")) ? " (adapter_model.bin is a pickle; re-save it with safe_serialization=True)" : "";
            throw new TrainingException($"{weightsPath}: not found{hint}");
        }
        var header = SafeTensorsReader.ReadHeader(weightsPath);

        try
        {
            LoraInjector.Apply(model, config.Lora, adapterDtype);
        }
        catch (TrainingException e)
        {
            throw new TrainingException($"{Path.Combine(dir, PeftAdapterConfig.FileName)}: {e.Message}", e);
        }
        try
        {
            using var scope = NewDisposeScope();
            var targets = StateDict(model);
            var fileKeys = CheckKeys(weightsPath, header, targets);
            var tensors = SafeTensorsReader.Load(weightsPath);
            using (no_grad())
            {
                foreach (var (fileKey, key) in fileKeys) targets[key].copy_(tensors[fileKey]);
            }
            foreach (var t in tensors.Values) t.Dispose();
        }
        catch
        {
            LoraInjector.Unload(model);
            throw;
        }
        return config;
    }

    /// <summary>PEFT key → the model's LoRA weight (a detached alias: writing into it writes into the model).</summary>
    public static Dictionary<string, Tensor> StateDict(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, layer) in LoraInjector.LoraLayers(model))
        {
            result.Add($"{KeyPrefix}{name}.lora_A.weight", layer.LoraA.weight.detach());
            result.Add($"{KeyPrefix}{name}.lora_B.weight", layer.LoraB.weight.detach());
        }
        return result;
    }

    /// <summary>PEFT's in-memory name carries the adapter name; its saved name does not. Both name the same tensor.</summary>
    static string WithoutAdapterName(string key) =>
        key.Replace(".lora_A.default.", ".lora_A.", StringComparison.Ordinal).Replace(".lora_B.default.", ".lora_B.", StringComparison.Ordinal);

    /// <summary>Matches file keys to model keys (file key → model key), or throws naming every problem.</summary>
    static Dictionary<string, string> CheckKeys(string path, IReadOnlyDictionary<string, TensorInfo> header, Dictionary<string, Tensor> targets)
    {
        var matched = new Dictionary<string, string>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        var mismatches = new List<ShapeMismatch>();
        foreach (var (fileKey, info) in header.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var key = WithoutAdapterName(fileKey);
            // The same tensor under both spellings is ambiguous: report the second as unexpected.
            if (!targets.TryGetValue(key, out var target) || matched.ContainsValue(key))
            {
                unexpected.Add(fileKey);
                continue;
            }
            matched.Add(fileKey, key);
            if (!info.Shape.SequenceEqual(target.shape)) mismatches.Add(new ShapeMismatch(fileKey, target.shape, info.Shape));
        }
        var missing = targets.Keys.Where(k => !matched.ContainsValue(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unexpected.Count > 0 || mismatches.Count > 0)
        {
            throw new CheckpointMismatchException(path, missing, unexpected, mismatches);
        }
        return matched;
    }
}
