using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tailor.Engine.Models;

/// <summary>
/// Hyper-parameters of a Llama-family decoder, read from and written to Hugging Face's
/// <c>config.json</c>. One record covers <c>LlamaForCausalLM</c>, <c>MistralForCausalLM</c> and
/// <c>Qwen2ForCausalLM</c>: they differ only in q/k/v biases (Qwen2), sliding-window attention
/// (Mistral) and defaults. Values we cannot honour are errors that name the field.
/// </summary>
public sealed record LlamaConfig
{
    public const string Llama = "LlamaForCausalLM";
    public const string Mistral = "MistralForCausalLM";
    public const string Qwen2 = "Qwen2ForCausalLM";
    public static readonly IReadOnlyList<string> SupportedArchitectures = [Llama, Mistral, Qwen2];

    public string Architecture { get; init; } = Llama;
    public int VocabSize { get; init; } = 32000;
    public int HiddenSize { get; init; } = 4096;
    public int IntermediateSize { get; init; } = 11008;
    public int NumHiddenLayers { get; init; } = 32;
    public int NumAttentionHeads { get; init; } = 32;
    public int NumKeyValueHeads { get; init; } = 32;
    /// <summary>Per-head width; Llama-3.2/Qwen3-style configs state it, older ones imply hidden/heads.</summary>
    public int HeadDim { get; init; } = 128;
    public int MaxPositionEmbeddings { get; init; } = 2048;
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;
    public RopeScaling? RopeScaling { get; init; }
    public bool TieWordEmbeddings { get; init; }
    /// <summary>Bias on q/k/v projections (always on for Qwen2; Llama's <c>attention_bias</c> also biases o_proj).</summary>
    public bool QkvBias { get; init; }
    public bool OutputProjectionBias { get; init; }
    public bool MlpBias { get; init; }
    /// <summary>Mistral's sliding-window attention: a token sees at most this many positions back, itself included.</summary>
    public int? SlidingWindow { get; init; }
    public string HiddenAct { get; init; } = "silu";
    /// <summary>dtype the weights were saved in (<c>torch_dtype</c>); the model is built in it unless told otherwise.</summary>
    public string TorchDtype { get; init; } = "float32";
    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }

    public long ParameterCount()
    {
        long embed = (long)VocabSize * HiddenSize;
        long q = (long)HiddenSize * NumAttentionHeads * HeadDim + (QkvBias ? NumAttentionHeads * HeadDim : 0);
        long kv = 2 * ((long)HiddenSize * NumKeyValueHeads * HeadDim + (QkvBias ? NumKeyValueHeads * HeadDim : 0));
        long o = (long)NumAttentionHeads * HeadDim * HiddenSize + (OutputProjectionBias ? HiddenSize : 0);
        long mlp = 3L * HiddenSize * IntermediateSize + (MlpBias ? 2L * IntermediateSize + HiddenSize : 0);
        long layer = q + kv + o + mlp + 2L * HiddenSize;
        return embed + NumHiddenLayers * layer + HiddenSize + (TieWordEmbeddings ? 0 : embed);
    }

    /// <summary>Reads <c>config.json</c>; <paramref name="source"/> names the file in error messages.</summary>
    public static LlamaConfig FromJson(string json, string source = "config.json")
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new EngineException($"{source}: the top level must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new EngineException($"{source}: not valid JSON: {e.Message}", e);
        }
        return new ConfigReader(root, source).Read();
    }

    public static LlamaConfig Load(string modelDir)
    {
        var path = Path.Combine(modelDir, "config.json");
        if (!File.Exists(path)) throw new EngineException($"{path}: not found (a model folder needs an HF config.json)");
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Writes HF's field names so <c>transformers.AutoConfig</c> reads the file back.</summary>
    public string ToJson()
    {
        var o = new JsonObject
        {
            ["architectures"] = new JsonArray(Architecture),
            ["model_type"] = ModelType(Architecture),
            ["vocab_size"] = VocabSize,
            ["hidden_size"] = HiddenSize,
            ["intermediate_size"] = IntermediateSize,
            ["num_hidden_layers"] = NumHiddenLayers,
            ["num_attention_heads"] = NumAttentionHeads,
            ["num_key_value_heads"] = NumKeyValueHeads,
            ["head_dim"] = HeadDim,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["rms_norm_eps"] = RmsNormEps,
            ["rope_theta"] = RopeTheta,
            ["tie_word_embeddings"] = TieWordEmbeddings,
            ["hidden_act"] = HiddenAct,
            ["torch_dtype"] = TorchDtype,
        };
        if (Architecture == Llama)
        {
            // Llama has one switch for all four attention projections.
            o["attention_bias"] = QkvBias;
            o["mlp_bias"] = MlpBias;
        }
        if (Architecture != Llama) o["sliding_window"] = SlidingWindow;
        if (Architecture == Qwen2) o["use_sliding_window"] = false;
        if (RopeScaling is { } rs)
        {
            var s = new JsonObject { ["rope_type"] = rs.RopeType, ["factor"] = rs.Factor };
            if (rs.RopeType == "llama3")
            {
                s["low_freq_factor"] = rs.LowFreqFactor;
                s["high_freq_factor"] = rs.HighFreqFactor;
                s["original_max_position_embeddings"] = rs.OriginalMaxPositionEmbeddings;
            }
            o["rope_scaling"] = s;
        }
        if (BosTokenId is { } bos) o["bos_token_id"] = bos;
        if (EosTokenIds.Count == 1) o["eos_token_id"] = EosTokenIds[0];
        else if (EosTokenIds.Count > 1) o["eos_token_id"] = new JsonArray([.. EosTokenIds.Select(i => (JsonNode)i)]);
        if (PadTokenId is { } pad) o["pad_token_id"] = pad;
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public void Save(string modelDir)
    {
        Directory.CreateDirectory(modelDir);
        File.WriteAllText(Path.Combine(modelDir, "config.json"), ToJson());
    }

    static string ModelType(string architecture) => architecture switch
    {
        Llama => "llama",
        Mistral => "mistral",
        Qwen2 => "qwen2",
        _ => throw new EngineException($"unsupported architecture '{architecture}'"),
    };

    /// <summary>Checks the invariants the model relies on; throws with the field name.</summary>
    public LlamaConfig Validate(string source = "config")
    {
        void Positive(string field, long value)
        {
            if (value <= 0) throw new EngineException($"{source}: '{field}' must be positive, got {value}");
        }
        Positive("vocab_size", VocabSize);
        Positive("hidden_size", HiddenSize);
        Positive("intermediate_size", IntermediateSize);
        Positive("num_hidden_layers", NumHiddenLayers);
        Positive("num_attention_heads", NumAttentionHeads);
        Positive("num_key_value_heads", NumKeyValueHeads);
        Positive("head_dim", HeadDim);
        Positive("max_position_embeddings", MaxPositionEmbeddings);
        if (HeadDim % 2 != 0) throw new EngineException($"{source}: 'head_dim' must be even for rotary embeddings, got {HeadDim}");
        if (NumAttentionHeads % NumKeyValueHeads != 0)
            throw new EngineException($"{source}: 'num_attention_heads' ({NumAttentionHeads}) must be a multiple of 'num_key_value_heads' ({NumKeyValueHeads})");
        if (HiddenAct != "silu") throw new EngineException($"{source}: 'hidden_act' = '{HiddenAct}' is not supported (Llama-family models use 'silu')");
        if (!SupportedArchitectures.Contains(Architecture))
            throw new EngineException($"{source}: architecture '{Architecture}' is not supported; expected one of {string.Join(", ", SupportedArchitectures)}");
        if (SlidingWindow is <= 0) throw new EngineException($"{source}: 'sliding_window' must be positive, got {SlidingWindow}");
        _ = DtypeNames.Parse(TorchDtype, $"{source}: 'torch_dtype'");
        if (RopeScaling is { } rs)
        {
            if (rs.RopeType is not ("linear" or "llama3"))
                throw new EngineException($"{source}: 'rope_scaling' type '{rs.RopeType}' is not supported (supported: linear, llama3)");
            if (rs.Factor <= 0) throw new EngineException($"{source}: 'rope_scaling.factor' must be positive, got {rs.Factor}");
            if (rs.RopeType == "llama3" && rs.HighFreqFactor <= rs.LowFreqFactor)
                throw new EngineException($"{source}: 'rope_scaling.high_freq_factor' must exceed 'low_freq_factor'");
        }
        return this;
    }
}
