using System.Text.Json;

namespace Tailor.Engine;

/// <summary>
/// Reading the loosely typed JSON files of the Hugging Face layout. Every failure becomes an
/// <see cref="EngineException"/> that names the file and the field, because these files are user input
/// (downloaded or hand-edited) and "Unexpected token at line 1" helps nobody.
/// </summary>
internal static class HfJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        // Hand-edited config files sometimes carry comments or trailing commas; Python's json would reject
        // them too, but refusing them here would gain nothing.
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses <paramref name="path"/>; a missing or malformed file is an error naming it.</summary>
    public static JsonDocument Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new EngineException($"{Path.GetFileName(path)} not found in '{Path.GetDirectoryName(path)}'.");
        }
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, Options);
        }
        catch (JsonException ex)
        {
            throw new EngineException($"{Path.GetFileName(path)} is not valid JSON ({path}): {ex.Message}", ex);
        }
    }

    /// <summary>Like <see cref="Read"/>, but a missing file is simply absent (null).</summary>
    public static JsonDocument? ReadOptional(string path) => File.Exists(path) ? Read(path) : null;

    /// <summary>The property, or null when it is missing or JSON null.</summary>
    public static JsonElement? Get(JsonElement obj, string field)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }
        return null;
    }

    /// <summary>The property, which must be present and non-null.</summary>
    public static JsonElement Require(JsonElement obj, string field, string file, string where)
    {
        return Get(obj, field) ?? throw new EngineException($"{file}: missing field '{Join(where, field)}'.");
    }

    public static string? GetString(JsonElement obj, string field, string file, string where)
    {
        var value = Get(obj, field);
        if (value is null)
        {
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.String)
        {
            throw new EngineException($"{file}: field '{Join(where, field)}' must be a string, not {value.Value.ValueKind}.");
        }
        return value.Value.GetString();
    }

    public static bool? GetBool(JsonElement obj, string field, string file, string where)
    {
        var value = Get(obj, field);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            var kind => throw new EngineException($"{file}: field '{Join(where, field)}' must be true or false, not {kind}."),
        };
    }

    public static int GetInt(JsonElement element, string file, string where)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw new EngineException($"{file}: field '{where}' must be an integer, not {element.GetRawText()}.");
        }
        return value;
    }

    /// <summary>
    /// A special-token field, which transformers writes either as the token text or as an AddedToken object
    /// <c>{"content": "...", "lstrip": ...}</c>.
    /// </summary>
    public static string? GetTokenContent(JsonElement obj, string field, string file, string where)
    {
        var value = Get(obj, field);
        return value is null ? null : TokenContent(value.Value, file, Join(where, field));
    }

    public static string TokenContent(JsonElement value, string file, string where)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Object when Get(value, "content") is { ValueKind: JsonValueKind.String } content:
                return content.GetString()!;
            default:
                throw new EngineException(
                    $"{file}: field '{where}' must be a token string or an object with a \"content\" string.");
        }
    }

    private static string Join(string where, string field) => where.Length == 0 ? field : where + "." + field;
}
