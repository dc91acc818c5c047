using System.Text.Json;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// What the transformers side files say about a tokenizer: tokenizer_config.json, special_tokens_map.json
/// and generation_config.json. Only the fields Tailor uses are read; all of them are optional.
/// </summary>
internal sealed class TokenizerConfig
{
    public const string ConfigFile = "tokenizer_config.json";
    public const string SpecialTokensMapFile = "special_tokens_map.json";
    public const string GenerationConfigFile = "generation_config.json";
    public const string ChatTemplateFile = "chat_template.jinja";

    // transformers writes int(1e30) as model_max_length when a model has no limit.
    private const double UnlimitedLength = 1e20;

    public string? BosToken { get; private set; }
    public string? EosToken { get; private set; }
    public string? PadToken { get; private set; }
    public string? UnkToken { get; private set; }
    public bool? AddBosToken { get; private set; }
    public bool? AddEosToken { get; private set; }
    public string? ChatTemplate { get; private set; }
    public int? ModelMaxLength { get; private set; }

    /// <summary>additional_special_tokens: more tokens that must be matched as a whole and count as special.</summary>
    public List<string> AdditionalSpecialTokens { get; } = [];

    /// <summary>added_tokens_decoder: id → token, how transformers records added tokens next to tokenizer.model.</summary>
    public List<AddedToken> AddedTokens { get; } = [];

    public int? GenerationBosId { get; private set; }
    public int? GenerationPadId { get; private set; }
    public List<int> GenerationEosIds { get; } = [];

    public static TokenizerConfig Load(string dir)
    {
        var config = new TokenizerConfig();
        using (var doc = HfJson.ReadOptional(Path.Combine(dir, ConfigFile)))
        {
            if (doc is not null)
            {
                config.ReadTokenizerConfig(doc.RootElement);
            }
        }
        // transformers applies special_tokens_map.json after tokenizer_config.json, so it wins where both speak.
        using (var doc = HfJson.ReadOptional(Path.Combine(dir, SpecialTokensMapFile)))
        {
            if (doc is not null)
            {
                config.ReadSpecialTokens(doc.RootElement, SpecialTokensMapFile);
            }
        }
        using (var doc = HfJson.ReadOptional(Path.Combine(dir, GenerationConfigFile)))
        {
            if (doc is not null)
            {
                config.ReadGenerationConfig(doc.RootElement);
            }
        }
        // Newer transformers versions save the template as its own file instead of inside tokenizer_config.json.
        var templateFile = Path.Combine(dir, ChatTemplateFile);
        if (config.ChatTemplate is null && File.Exists(templateFile))
        {
            config.ChatTemplate = File.ReadAllText(templateFile);
        }
        return config;
    }

    private void ReadTokenizerConfig(JsonElement root)
    {
        const string file = ConfigFile;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EngineException($"{file}: expected a JSON object at the top level.");
        }
        ReadSpecialTokens(root, file);
        AddBosToken = HfJson.GetBool(root, "add_bos_token", file, "");
        AddEosToken = HfJson.GetBool(root, "add_eos_token", file, "");
        ChatTemplate = ReadChatTemplate(root, file);
        if (HfJson.Get(root, "model_max_length") is { } maxLength)
        {
            if (maxLength.ValueKind != JsonValueKind.Number)
            {
                throw new EngineException($"{file}: field 'model_max_length' must be a number.");
            }
            var value = maxLength.GetDouble();
            ModelMaxLength = value is > 0 and < UnlimitedLength ? (int)Math.Min(value, int.MaxValue) : null;
        }
        if (HfJson.Get(root, "added_tokens_decoder") is { ValueKind: JsonValueKind.Object } decoder)
        {
            foreach (var entry in decoder.EnumerateObject())
            {
                var where = $"added_tokens_decoder.{entry.Name}";
                if (!int.TryParse(entry.Name, out var id))
                {
                    throw new EngineException($"{file}: key '{where}' must be a token id.");
                }
                var content = HfJson.TokenContent(entry.Value, file, where);
                var special = HfJson.GetBool(entry.Value, "special", file, where) ?? false;
                AddedTokens.Add(new AddedToken(content, id, special));
            }
        }
    }

    private void ReadSpecialTokens(JsonElement root, string file)
    {
        BosToken = HfJson.GetTokenContent(root, "bos_token", file, "") ?? BosToken;
        EosToken = HfJson.GetTokenContent(root, "eos_token", file, "") ?? EosToken;
        PadToken = HfJson.GetTokenContent(root, "pad_token", file, "") ?? PadToken;
        UnkToken = HfJson.GetTokenContent(root, "unk_token", file, "") ?? UnkToken;
        if (HfJson.Get(root, "additional_special_tokens") is { } extra)
        {
            if (extra.ValueKind != JsonValueKind.Array)
            {
                throw new EngineException($"{file}: field 'additional_special_tokens' must be a list.");
            }
            var i = 0;
            foreach (var item in extra.EnumerateArray())
            {
                var token = HfJson.TokenContent(item, file, $"additional_special_tokens[{i++}]");
                if (!AdditionalSpecialTokens.Contains(token))
                {
                    AdditionalSpecialTokens.Add(token);
                }
            }
        }
    }

    // chat_template is a string, or (transformers 4.4x) a list of {"name", "template"} of which "default" is
    // the one apply_chat_template uses when no name is given.
    private static string? ReadChatTemplate(JsonElement root, string file)
    {
        var value = HfJson.Get(root, "chat_template");
        switch (value?.ValueKind)
        {
            case null:
                return null;
            case JsonValueKind.String:
                return value.Value.GetString();
            case JsonValueKind.Array:
                string? first = null;
                foreach (var item in value.Value.EnumerateArray())
                {
                    var name = HfJson.GetString(item, "name", file, "chat_template[]");
                    var template = HfJson.GetString(item, "template", file, "chat_template[]");
                    if (name == "default")
                    {
                        return template;
                    }
                    first ??= template;
                }
                return first;
            default:
                throw new EngineException($"{file}: field 'chat_template' must be a string or a list of named templates.");
        }
    }

    private void ReadGenerationConfig(JsonElement root)
    {
        const string file = GenerationConfigFile;
        if (HfJson.Get(root, "eos_token_id") is { } eos)
        {
            if (eos.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in eos.EnumerateArray())
                {
                    GenerationEosIds.Add(HfJson.GetInt(item, file, $"eos_token_id[{i++}]"));
                }
            }
            else
            {
                GenerationEosIds.Add(HfJson.GetInt(eos, file, "eos_token_id"));
            }
        }
        if (HfJson.Get(root, "bos_token_id") is { } bos)
        {
            GenerationBosId = HfJson.GetInt(bos, file, "bos_token_id");
        }
        if (HfJson.Get(root, "pad_token_id") is { } pad)
        {
            GenerationPadId = HfJson.GetInt(pad, file, "pad_token_id");
        }
    }
}
