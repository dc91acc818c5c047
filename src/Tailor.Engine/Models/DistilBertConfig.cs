using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tailor.Engine.Models;

/// <summary>
/// Hyper-parameters of a DistilBERT encoder, read from and written to Hugging Face's <c>config.json</c>
/// (<c>model_type: distilbert</c>), with HF's own field names (<c>dim</c>, <c>hidden_dim</c>, <c>n_layers</c>, ...).
/// Defaults are <c>distilbert-base-uncased</c>'s. Values we cannot honour are errors that name the field.
/// </summary>
public sealed record DistilBertConfig
{
    public const string SequenceClassification = "DistilBertForSequenceClassification";
    public const string MaskedLM = "DistilBertForMaskedLM";

    public string Architecture { get; init; } = MaskedLM;
    public int VocabSize { get; init; } = 30522;
    public int Dim { get; init; } = 768;
    /// <summary>Width of the feed-forward layer (HF's <c>hidden_dim</c>).</summary>
    public int HiddenDim { get; init; } = 3072;
    public int NLayers { get; init; } = 6;
    public int NHeads { get; init; } = 12;
    public int MaxPositionEmbeddings { get; init; } = 512;
    public double Dropout { get; init; } = 0.1;
    public double AttentionDropout { get; init; } = 0.1;
    public double SeqClassifDropout { get; init; } = 0.2;
    public string Activation { get; init; } = "gelu";
    public int PadTokenId { get; init; }
    public double InitializerRange { get; init; } = 0.02;
    /// <summary>Class names in id order (HF's <c>id2label</c>); two labels unless the config says otherwise.</summary>
    public IReadOnlyList<string> Labels { get; init; } = ["LABEL_0", "LABEL_1"];
    public string TorchDtype { get; init; } = "float32";

    /// <summary>LayerNorm epsilon: fixed at 1e-12 in HF's DistilBERT, not a config field.</summary>
    public const double LayerNormEps = 1e-12;

    public int HeadDim => Dim / NHeads;

    public DistilBertConfig Validate(string source = "config")
    {
        void Positive(string field, int value)
        {
            if (value <= 0) throw new EngineException($"{source}: '{field}' must be positive, got {value}");
        }
        Positive("vocab_size", VocabSize);
        Positive("dim", Dim);
        Positive("hidden_dim", HiddenDim);
        Positive("n_layers", NLayers);
        Positive("n_heads", NHeads);
        Positive("max_position_embeddings", MaxPositionEmbeddings);
        if (Dim % NHeads != 0) throw new EngineException($"{source}: 'dim' ({Dim}) must be a multiple of 'n_heads' ({NHeads})");
        if (Activation is not ("gelu" or "relu")) throw new EngineException($"{source}: 'activation' = '{Activation}' is not supported (gelu, relu)");
        if (PadTokenId < 0 || PadTokenId >= VocabSize) throw new EngineException($"{source}: 'pad_token_id' {PadTokenId} is outside the vocabulary of {VocabSize}");
        if (Labels.Count < 1) throw new EngineException($"{source}: 'id2label' must name at least one class");
        foreach (var (field, p) in new[] { ("dropout", Dropout), ("attention_dropout", AttentionDropout), ("seq_classif_dropout", SeqClassifDropout) })
        {
            if (p is < 0 or >= 1) throw new EngineException($"{source}: '{field}' must be in [0, 1), got {p}");
        }
        return this;
    }

    /// <summary>Parameters of the encoder alone (embeddings and blocks, no head).</summary>
    public long EncoderParameterCount()
    {
        long embeddings = (long)VocabSize * Dim + (long)MaxPositionEmbeddings * Dim + 2L * Dim;
        long attention = 4L * (Dim * Dim + Dim);
        long ffn = (long)Dim * HiddenDim + HiddenDim + (long)HiddenDim * Dim + Dim;
        return embeddings + NLayers * (attention + ffn + 4L * Dim);
    }

    public static DistilBertConfig FromJson(string json, string source = "config.json")
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
        var type = root["model_type"]?.GetValue<string>();
        if (type is not null && type != "distilbert") throw new EngineException($"{source}: model_type '{type}' is not 'distilbert'");
        var defaults = new DistilBertConfig();
        int Int(string field, int fallback) => Read(root, field, source, n => n.GetValue<int>(), fallback);
        double Double(string field, double fallback) => Read(root, field, source, n => n.GetValue<double>(), fallback);
        if (root["sinusoidal_pos_embds"]?.GetValue<bool>() == true)
            throw new EngineException($"{source}: 'sinusoidal_pos_embds' = true is not supported (learned position embeddings only)");
        return new DistilBertConfig
        {
            Architecture = (root["architectures"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? defaults.Architecture,
            VocabSize = Int("vocab_size", defaults.VocabSize),
            Dim = Int("dim", defaults.Dim),
            HiddenDim = Int("hidden_dim", defaults.HiddenDim),
            NLayers = Int("n_layers", defaults.NLayers),
            NHeads = Int("n_heads", defaults.NHeads),
            MaxPositionEmbeddings = Int("max_position_embeddings", defaults.MaxPositionEmbeddings),
            Dropout = Double("dropout", defaults.Dropout),
            AttentionDropout = Double("attention_dropout", defaults.AttentionDropout),
            SeqClassifDropout = Double("seq_classif_dropout", defaults.SeqClassifDropout),
            Activation = root["activation"]?.GetValue<string>() ?? defaults.Activation,
            PadTokenId = Int("pad_token_id", defaults.PadTokenId),
            InitializerRange = Double("initializer_range", defaults.InitializerRange),
            Labels = ReadLabels(root, source) ?? defaults.Labels,
            TorchDtype = root["torch_dtype"]?.GetValue<string>() ?? defaults.TorchDtype,
        }.Validate(source);
    }

    static T Read<T>(JsonObject root, string field, string source, Func<JsonNode, T> get, T fallback)
    {
        if (root[field] is not { } node) return fallback;
        try
        {
            return get(node);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new EngineException($"{source}: '{field}' has the wrong type ({node.ToJsonString()})", e);
        }
    }

    static string[]? ReadLabels(JsonObject root, string source)
    {
        if (root["id2label"] is not JsonObject map) return null;
        var labels = new string[map.Count];
        foreach (var (key, value) in map)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id >= labels.Length)
                throw new EngineException($"{source}: 'id2label' keys must be 0 … {labels.Length - 1}, got '{key}'");
            labels[id] = value?.GetValue<string>() ?? throw new EngineException($"{source}: 'id2label'['{key}'] is null");
        }
        return labels;
    }

    public static DistilBertConfig Load(string modelDir)
    {
        var path = Path.Combine(modelDir, "config.json");
        if (!File.Exists(path)) throw new EngineException($"{path}: not found (a model folder needs an HF config.json)");
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>HF's field names, so <c>transformers.AutoConfig</c> reads the file back.</summary>
    public string ToJson()
    {
        var id2label = new JsonObject();
        var label2id = new JsonObject();
        for (int i = 0; i < Labels.Count; i++)
        {
            id2label[i.ToString(CultureInfo.InvariantCulture)] = Labels[i];
            label2id[Labels[i]] = i;
        }
        var o = new JsonObject
        {
            ["architectures"] = new JsonArray(Architecture),
            ["model_type"] = "distilbert",
            ["vocab_size"] = VocabSize,
            ["dim"] = Dim,
            ["hidden_dim"] = HiddenDim,
            ["n_layers"] = NLayers,
            ["n_heads"] = NHeads,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["dropout"] = Dropout,
            ["attention_dropout"] = AttentionDropout,
            ["seq_classif_dropout"] = SeqClassifDropout,
            ["qa_dropout"] = 0.1,
            ["activation"] = Activation,
            ["sinusoidal_pos_embds"] = false,
            ["tie_weights_"] = true,
            ["pad_token_id"] = PadTokenId,
            ["initializer_range"] = InitializerRange,
            ["id2label"] = id2label,
            ["label2id"] = label2id,
            ["torch_dtype"] = TorchDtype,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public void Save(string modelDir)
    {
        Directory.CreateDirectory(modelDir);
        File.WriteAllText(Path.Combine(modelDir, "config.json"), ToJson());
    }
}
