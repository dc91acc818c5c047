using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tailor.Training.Trainer;
using YamlDotNet.RepresentationModel;

namespace Tailor.Training.Recipes;

/// <summary>Where the model comes from: an HF folder, or a new random-weight model (pretraining from scratch).</summary>
public sealed record ModelSection
{
    /// <summary>An HF model folder (config.json, safetensors, tokenizer).</summary>
    public string? Path { get; init; }
    /// <summary>With <see cref="Path"/> absent: a preset (tiny, 8m, 20m, 120m) built with random weights.</summary>
    public string? Preset { get; init; }
    /// <summary>For a preset: the folder holding the tokenizer to pair it with.</summary>
    public string? Tokenizer { get; init; }
    public string Architecture { get; init; } = "llama";
}

public sealed record LoraSection
{
    public int R { get; init; } = 8;
    public double Alpha { get; init; } = 16;
    public double Dropout { get; init; } = 0.05;
    /// <summary>Module names (q_proj, ...), or "all-linear", or a regex given as <c>regex:...</c>.</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = ["q_proj", "k_proj", "v_proj", "o_proj"];
    public bool UseRslora { get; init; }
    /// <summary>QLoRA only: quantize the NF4 block scales too.</summary>
    public bool DoubleQuant { get; init; } = true;
    /// <summary>Also write the adapter merged into the base as a plain model folder.</summary>
    public bool SaveMerged { get; init; }
}

public sealed record DataSection
{
    public string Train { get; init; } = "";
    public string? Validation { get; init; }
    /// <summary>
    /// Without a validation file: this share of the training rows. Rows with the same prompt stay on one
    /// side, so a repeated company never scores on its own training text.
    /// </summary>
    public double ValidationFraction { get; init; }
    public int MaxLength { get; init; } = 512;
    public bool Packing { get; init; }
    public bool GroupByLength { get; init; } = true;
    /// <summary>Override the tokenizer's chat template (chatml, llama3, inst, plain).</summary>
    public string? ChatTemplate { get; init; }
}

/// <summary>
/// A training recipe (YAML or JSON, snake_case keys): model, method (full, lora, qlora), data and
/// HF-style training arguments in, a run directory out. Unknown keys are errors, so a typo never
/// silently falls back to a default.
/// </summary>
public sealed record Recipe
{
    public string Name { get; init; } = "run";
    /// <summary>Run directories go to OUTPUT_DIR/NAME.</summary>
    public string OutputDir { get; init; } = "runs";
    public ModelSection Model { get; init; } = new();
    /// <summary>full | lora | qlora.</summary>
    public string Method { get; init; } = "lora";
    public LoraSection Lora { get; init; } = new();
    public DataSection Data { get; init; } = new();
    public TrainingArguments Training { get; init; } = new();

    public static readonly IReadOnlyList<string> Methods = ["full", "lora", "qlora"];

    [JsonIgnore]
    public string RunDirectory => System.IO.Path.Combine(OutputDir, Name);

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public Recipe Validate(string source)
    {
        if (!Methods.Contains(Method)) throw new TrainingException($"{source}: 'method' = '{Method}' is not one of {string.Join(", ", Methods)}");
        if (string.IsNullOrWhiteSpace(Data.Train)) throw new TrainingException($"{source}: 'data.train' is required");
        if ((Model.Path is null) == (Model.Preset is null)) throw new TrainingException($"{source}: give exactly one of 'model.path' and 'model.preset'");
        if (Model.Preset is not null && Model.Tokenizer is null) throw new TrainingException($"{source}: 'model.preset' needs 'model.tokenizer' (a folder with tokenizer files)");
        if (Model.Preset is not null && Method != "full") throw new TrainingException($"{source}: a preset starts from random weights; train it with method 'full'");
        if (Data.ValidationFraction is < 0 or >= 1) throw new TrainingException($"{source}: 'data.validation_fraction' must be in [0, 1)");
        if (Data.MaxLength < 2) throw new TrainingException($"{source}: 'data.max_length' must be at least 2");
        if (Lora.R < 1) throw new TrainingException($"{source}: 'lora.r' must be at least 1");
        if (Name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || Name is "." or "..")
            throw new TrainingException($"{source}: 'name' must be usable as a folder name");
        try
        {
            Training.Validate();
        }
        catch (TrainingException e)
        {
            throw new TrainingException($"{source}: training.{e.Message.TrimStart('\'')}", e);
        }
        return this;
    }

    /// <summary>Reads a recipe; relative paths in it stay relative to the current directory, as a CLI user expects.</summary>
    public static Recipe Load(string path) => FromJson(ReadDocument(path), path);

    /// <summary>A YAML or JSON config file as a JSON tree (other recipes bind it with <see cref="SerializerOptions"/>).</summary>
    public static JsonNode? ReadDocument(string path)
    {
        if (!File.Exists(path)) throw new TrainingException($"{path}: recipe not found");
        var text = File.ReadAllText(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ParseJson(text, path) : YamlToJson(text, path);
    }

    /// <summary>snake_case keys, unknown keys rejected: the binding every Tailor config file uses.</summary>
    public static JsonSerializerOptions SerializerOptions => Json;

    public static Recipe FromJson(JsonNode? node, string source)
    {
        try
        {
            return (node.Deserialize<Recipe>(Json) ?? throw new TrainingException($"{source}: empty recipe")).Validate(source);
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{source}: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    static JsonNode? ParseJson(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{source}: not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>YAML to a JSON tree, so both formats go through one strict deserializer.</summary>
    static JsonNode? YamlToJson(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new TrainingException($"{source}:{e.Start.Line}: not valid YAML: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            throw new TrainingException($"{source}: not valid YAML (an unclosed [ or {{?): {e.Message}", e);
        }
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
                KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
            YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };

        static JsonNode? Scalar(YamlScalarNode scalar)
        {
            var v = scalar.Value;
            if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) return JsonValue.Create(v);
            if (v is null or "" or "~" or "null") return null;
            if (v is "true" or "false") return JsonValue.Create(v == "true");
            if (long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i)) return JsonValue.Create(i);
            if (double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
            return JsonValue.Create(v);
        }
    }
}
