using System.Text.Json;

namespace Tailor.Training.Adapters;

/// <summary>
/// PEFT's <c>adapter_config.json</c> for a LoRA adapter: the <see cref="LoraConfig"/> plus the base model it was
/// trained on. Written with PEFT's field names and sorted keys (as <c>save_pretrained</c> writes it); read leniently
/// about fields added by newer PEFT versions, strictly about fields that would change what the adapter computes.
/// </summary>
public sealed record PeftAdapterConfig(LoraConfig Lora, string? BaseModelNameOrPath)
{
    public const string FileName = "adapter_config.json";

    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lora = Lora.Validate();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            if (BaseModelNameOrPath is null) json.WriteNull("base_model_name_or_path");
            else json.WriteString("base_model_name_or_path", BaseModelNameOrPath);
            json.WriteString("bias", lora.Bias);
            json.WriteBoolean("fan_in_fan_out", false);
            json.WriteBoolean("inference_mode", true);
            json.WriteBoolean("init_lora_weights", true);
            json.WriteNull("layers_to_transform");
            // PEFT declares lora_alpha an int; keep whole numbers integral so strict readers see an int.
            if (lora.Alpha == Math.Floor(lora.Alpha) && Math.Abs(lora.Alpha) < long.MaxValue) json.WriteNumber("lora_alpha", (long)lora.Alpha);
            else json.WriteNumber("lora_alpha", lora.Alpha);
            json.WriteNumber("lora_dropout", lora.Dropout);
            json.WriteNull("modules_to_save");
            json.WriteString("peft_type", "LORA");
            json.WriteNumber("r", lora.R);
            json.WriteNull("revision");
            if (lora.TargetModules.ModuleNames is { } names)
            {
                json.WriteStartArray("target_modules");
                foreach (var name in names) json.WriteStringValue(name);
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("target_modules", lora.TargetModules.Pattern);
            }
            json.WriteString("task_type", "CAUSAL_LM");
            json.WriteBoolean("use_dora", false);
            json.WriteBoolean("use_rslora", lora.UseRsLora);
            json.WriteEndObject();
        }
        File.WriteAllBytes(path, stream.ToArray());
    }

    /// <exception cref="TrainingException">The file is missing, is not JSON, or a field is missing, mistyped or
    /// asks for something not supported here; the message names the file and the field.</exception>
    public static PeftAdapterConfig Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new TrainingException($"{path}: not found (a PEFT adapter folder holds {FileName} and adapter_model.safetensors)");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{path}: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TrainingException($"{path}: expected a JSON object");
            var fields = new Fields(path, root);

            var peftType = fields.String("peft_type") ?? throw new TrainingException($"{path}: 'peft_type' is missing (expected \"LORA\")");
            if (peftType != "LORA") throw new TrainingException($"{path}: 'peft_type' is \"{peftType}\"; only LORA adapters are supported");
            var taskType = fields.String("task_type");
            if (taskType is not null && taskType != "CAUSAL_LM")
            {
                throw new TrainingException($"{path}: 'task_type' is \"{taskType}\"; only CAUSAL_LM adapters are supported");
            }
            fields.RejectIfSet("use_dora", "DoRA adapters are not supported");
            fields.RejectIfSet("fan_in_fan_out", "fan_in_fan_out is for GPT-2 style Conv1D layers, which Llama models do not have");
            fields.RejectIfSet("layers_to_transform", "LoRA on a subset of layers is not supported");
            fields.RejectIfSet("rank_pattern", "per-module ranks are not supported");
            fields.RejectIfSet("alpha_pattern", "per-module alphas are not supported");
            fields.RejectIfSet("exclude_modules", "excluded modules are not supported");
            fields.RejectIfSet("layer_replication", "layer replication is not supported");
            fields.RejectIfSet("lora_bias", "LoRA biases are not supported");

            var lora = new LoraConfig
            {
                R = fields.PositiveInt("r") ?? throw new TrainingException($"{path}: 'r' (the LoRA rank) is missing"),
                Alpha = fields.Number("lora_alpha") ?? 8,
                Dropout = fields.Number("lora_dropout") ?? 0,
                TargetModules = fields.Targets("target_modules"),
                UseRsLora = fields.Bool("use_rslora") ?? false,
                Bias = fields.String("bias") ?? "none",
                ModulesToSave = fields.StringList("modules_to_save"),
            };
            try
            {
                lora.Validate();
            }
            catch (TrainingException e)
            {
                throw new TrainingException($"{path}: {e.Message}", e);
            }
            return new PeftAdapterConfig(lora, fields.String("base_model_name_or_path"));
        }
    }

    /// <summary>Typed access to the config's fields; every error names the file and the field.</summary>
    sealed class Fields(string path, JsonElement root)
    {
        JsonElement? Get(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        TrainingException Wrong(string name, string expected, JsonElement value) =>
            new($"{path}: '{name}' must be {expected}, got {value.GetRawText()}");

        public string? String(string name) => Get(name) is not { } v ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString() : throw Wrong(name, "a string", v);

        public bool? Bool(string name) => Get(name) is not { } v ? null
            : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Wrong(name, "true or false", v);

        public double? Number(string name) => Get(name) is not { } v ? null
            : v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Wrong(name, "a number", v);

        public int? PositiveInt(string name) => Get(name) is not { } v ? null
            : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i > 0 ? i : throw Wrong(name, "a positive integer", v);

        public IReadOnlyList<string>? StringList(string name)
        {
            if (Get(name) is not { } v) return null;
            if (v.ValueKind != JsonValueKind.Array) throw Wrong(name, "a list of strings", v);
            return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Wrong(name, "a list of strings", v))];
        }

        /// <summary>PEFT's target_modules: a list of names, or one string (a regex, or "all-linear").</summary>
        public LoraTargets Targets(string name)
        {
            var v = Get(name) ?? throw new TrainingException(
                $"{path}: '{name}' is missing or null; name the adapted modules (e.g. [\"q_proj\", \"v_proj\"]), a regex, or \"all-linear\"");
            try
            {
                return v.ValueKind == JsonValueKind.String ? LoraTargets.Regex(v.GetString()!) : LoraTargets.Names([.. StringList(name)!]);
            }
            catch (TrainingException e)
            {
                throw new TrainingException($"{path}: '{name}': {e.Message}", e);
            }
        }

        /// <summary>Fields PEFT writes as false, null, {} or [] by default; any other value changes the adapter.</summary>
        public void RejectIfSet(string name, string why)
        {
            if (Get(name) is not { } v) return;
            var isDefault = v.ValueKind switch
            {
                JsonValueKind.False => true,
                JsonValueKind.Object => !v.EnumerateObject().Any(),
                JsonValueKind.Array => v.GetArrayLength() == 0,
                _ => false,
            };
            if (!isDefault) throw new TrainingException($"{path}: '{name}' is {v.GetRawText()}: {why}");
        }
    }
}
