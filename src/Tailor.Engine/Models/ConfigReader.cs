using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tailor.Engine.Models;

/// <summary>
/// Turns an HF <c>config.json</c> object into a <see cref="LlamaConfig"/>, applying each
/// architecture's defaults the way <c>transformers</c> does, and naming the field on any error.
/// </summary>
internal sealed class ConfigReader(JsonObject root, string source)
{
    public LlamaConfig Read()
    {
        var architecture = ReadArchitecture();
        int hidden = Int("hidden_size", null);
        int heads = Int("num_attention_heads", null);
        bool isQwen2 = architecture == LlamaConfig.Qwen2;
        bool isMistral = architecture == LlamaConfig.Mistral;
        bool attentionBias = Bool("attention_bias", false);

        int? slidingWindow = null;
        if (isMistral) slidingWindow = OptionalInt("sliding_window");
        if (isQwen2 && Bool("use_sliding_window", false))
            throw new EngineException($"{source}: 'use_sliding_window' = true is not supported for Qwen2");

        var config = new LlamaConfig
        {
            Architecture = architecture,
            VocabSize = Int("vocab_size", null),
            HiddenSize = hidden,
            IntermediateSize = Int("intermediate_size", null),
            NumHiddenLayers = Int("num_hidden_layers", null),
            NumAttentionHeads = heads,
            NumKeyValueHeads = OptionalInt("num_key_value_heads") ?? heads,
            HeadDim = OptionalInt("head_dim") ?? (heads > 0 && hidden % heads == 0 ? hidden / heads
                : throw new EngineException($"{source}: 'hidden_size' ({hidden}) is not divisible by 'num_attention_heads' ({heads}) and no 'head_dim' is given")),
            MaxPositionEmbeddings = OptionalInt("max_position_embeddings") ?? (isMistral ? 32768 : 2048),
            RmsNormEps = Double("rms_norm_eps", 1e-6),
            RopeTheta = Double("rope_theta", 10000.0),
            RopeScaling = ReadRopeScaling(),
            TieWordEmbeddings = Bool("tie_word_embeddings", false),
            QkvBias = isQwen2 || attentionBias,
            OutputProjectionBias = !isQwen2 && attentionBias,
            MlpBias = Bool("mlp_bias", false),
            SlidingWindow = slidingWindow,
            HiddenAct = String("hidden_act", null) ?? "silu",
            TorchDtype = String("torch_dtype", null) ?? String("dtype", null) ?? "float32",
            BosTokenId = OptionalInt("bos_token_id"),
            EosTokenIds = IntOrList("eos_token_id"),
            PadTokenId = OptionalInt("pad_token_id"),
        };
        return config.Validate(source);
    }

    string ReadArchitecture()
    {
        if (root["architectures"] is JsonArray { Count: > 0 } list)
        {
            var name = list[0]?.GetValue<string>() ?? "";
            return LlamaConfig.SupportedArchitectures.Contains(name) ? name
                : throw new EngineException($"{source}: 'architectures' = '{name}' is not supported; expected one of {string.Join(", ", LlamaConfig.SupportedArchitectures)}");
        }
        // Some configs only carry model_type.
        return String("model_type", null) switch
        {
            "llama" => LlamaConfig.Llama,
            "mistral" => LlamaConfig.Mistral,
            "qwen2" => LlamaConfig.Qwen2,
            null => throw new EngineException($"{source}: neither 'architectures' nor 'model_type' says what model this is"),
            var other => throw new EngineException($"{source}: 'model_type' = '{other}' is not supported (llama, mistral, qwen2)"),
        };
    }

    RopeScaling? ReadRopeScaling()
    {
        var node = root["rope_scaling"];
        if (node is null) return null;
        if (node is not JsonObject o) throw new EngineException($"{source}: 'rope_scaling' must be an object or null");
        var sub = new ConfigReader(o, $"{source}: rope_scaling");
        // transformers renamed "type" to "rope_type"; both appear in the wild.
        var type = sub.String("rope_type", null) ?? sub.String("type", null)
            ?? throw new EngineException($"{source}: 'rope_scaling' has no 'rope_type'");
        if (type == "default") return null;
        return new RopeScaling(
            type,
            sub.Double("factor", null),
            sub.Double("low_freq_factor", 1.0),
            sub.Double("high_freq_factor", 4.0),
            sub.OptionalInt("original_max_position_embeddings") ?? 8192);
    }

    int Int(string field, int? fallback) =>
        OptionalInt(field) ?? fallback ?? throw new EngineException($"{source}: required field '{field}' is missing");

    int? OptionalInt(string field)
    {
        var node = root[field];
        if (node is null) return null;
        try
        {
            return node.GetValueKind() == JsonValueKind.Number ? checked((int)node.GetValue<double>())
                : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new EngineException($"{source}: '{field}' must be an integer, got {node.ToJsonString()}");
        }
    }

    double Double(string field, double? fallback)
    {
        var node = root[field];
        if (node is null) return fallback ?? throw new EngineException($"{source}: required field '{field}' is missing");
        return node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>()
            : throw new EngineException($"{source}: '{field}' must be a number, got {node.ToJsonString()}");
    }

    bool Bool(string field, bool fallback)
    {
        var node = root[field];
        if (node is null) return fallback;
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new EngineException($"{source}: '{field}' must be true or false, got {node.ToJsonString()}"),
        };
    }

    string? String(string field, string? fallback)
    {
        var node = root[field];
        if (node is null) return fallback;
        return node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
            : throw new EngineException($"{source}: '{field}' must be a string, got {node.ToJsonString()}");
    }

    IReadOnlyList<int> IntOrList(string field)
    {
        var node = root[field];
        if (node is null) return [];
        if (node is JsonArray list)
            return [.. list.Select((n, i) => n?.GetValueKind() == JsonValueKind.Number ? (int)n.GetValue<double>()
                : throw new EngineException($"{source}: '{field}[{i}]' must be an integer, got {n?.ToJsonString() ?? "null"}"))];
        return [OptionalInt(field)!.Value];
    }
}
