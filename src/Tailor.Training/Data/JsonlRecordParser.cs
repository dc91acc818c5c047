using System.Text.Json;

namespace Tailor.Training.Data;

/// <summary>
/// Turns the lines of one JSONL data file into records, or says exactly what is wrong with a line. The first
/// record fixes the file's format; a later line in another format is an error (TRL reads a file as one table,
/// whose columns decide the format, so a mixed file is almost certainly a mistake).
/// </summary>
/// <remarks>
/// A line's format is decided by its keys: "messages" makes it conversational (whatever else it holds, so
/// files such as UltraChat's, which carry a "prompt" string next to the messages, read as conversations);
/// otherwise "prompt" or "completion" make it prompt-completion; otherwise "text" makes it language modelling.
/// Other keys ("id", "source"...) are ignored.
/// </remarks>
internal sealed class JsonlRecordParser(string path)
{
    private const string PromptKey = "prompt";
    private const string CompletionKey = "completion";
    private const string MessagesKey = "messages";
    private const string TextKey = "text";
    private const string RoleKey = "role";
    private const string ContentKey = "content";

    private SftFormat? _format;
    private int _formatLine;

    /// <summary>Parses line <paramref name="lineNumber"/> (1-based) of the file.</summary>
    /// <exception cref="TrainingException">The line is malformed; the message starts with "path:line:".</exception>
    public SftRecord Parse(string line, int lineNumber)
    {
        var source = $"{path}:{lineNumber}";
        using var doc = ParseJson(line, source);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, $"expected a JSON object, found {Describe(root.ValueKind)}");
        }
        var format = Detect(root) ?? throw Error(source,
            $"unknown format: expected \"{PromptKey}\" and \"{CompletionKey}\", \"{MessagesKey}\" or \"{TextKey}\" (found {DescribeKeys(root)})");
        if (_format is not { } fileFormat)
        {
            _format = format;
            _formatLine = lineNumber;
        }
        else if (format != fileFormat)
        {
            throw Error(source,
                $"mixed formats: this line is {Name(format)} but line {_formatLine} was {Name(fileFormat)}; a file must use one format");
        }
        return format switch
        {
            SftFormat.Conversational => new ConversationRecord(source, ReadMessages(root, source)),
            SftFormat.PromptCompletion => new PromptCompletionRecord(source,
                RequiredString(root, PromptKey, source), RequiredString(root, CompletionKey, source)),
            _ => new TextRecord(source, RequiredString(root, TextKey, source)),
        };
    }

    private static JsonDocument ParseJson(string line, string source)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            // The parser's own "LineNumber: 0" would contradict the file line we report, so only its column is kept.
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
            var column = ex.BytePositionInLine is { } position ? $" at column {position + 1}" : "";
            throw Error(source, $"not valid JSON{column}: {message}");
        }
    }

    private static SftFormat? Detect(JsonElement root)
    {
        if (root.TryGetProperty(MessagesKey, out _))
        {
            return SftFormat.Conversational;
        }
        if (root.TryGetProperty(PromptKey, out _) || root.TryGetProperty(CompletionKey, out _))
        {
            return SftFormat.PromptCompletion;
        }
        return root.TryGetProperty(TextKey, out _) ? SftFormat.LanguageModeling : null;
    }

    private static List<ChatMessage> ReadMessages(JsonElement root, string source)
    {
        var list = root.GetProperty(MessagesKey);
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Error(source, $"\"{MessagesKey}\" must be a list of {{\"{RoleKey}\", \"{ContentKey}\"}} objects, not {Describe(list.ValueKind)}");
        }
        var messages = new List<ChatMessage>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            var where = $"\"{MessagesKey}\"[{messages.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, $"{where} must be an object with \"{RoleKey}\" and \"{ContentKey}\", not {Describe(item.ValueKind)}");
            }
            var role = RequiredString(item, RoleKey, source, where);
            if (!ChatMessage.Roles.Contains(role))
            {
                throw Error(source, $"{where}.{RoleKey} must be {string.Join(", ", ChatMessage.Roles)} (found \"{role}\")");
            }
            if (role == ChatMessage.System && messages.Count > 0)
            {
                throw Error(source, $"{where}: a system message may only come first");
            }
            messages.Add(new ChatMessage(role, RequiredString(item, ContentKey, source, where)));
        }
        if (messages.Count == 0)
        {
            throw Error(source, $"\"{MessagesKey}\" is empty");
        }
        if (!messages.Any(m => m.Role == ChatMessage.Assistant))
        {
            throw Error(source, $"\"{MessagesKey}\" has no assistant message, so there is nothing to learn");
        }
        return messages;
    }

    // Whitespace-only text counts as empty: it teaches nothing and usually means a broken export.
    private static string RequiredString(JsonElement obj, string key, string source, string? parent = null)
    {
        var name = parent is null ? $"\"{key}\"" : $"{parent}.{key}";
        if (!obj.TryGetProperty(key, out var value))
        {
            throw Error(source, $"{name} is missing");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(source, $"{name} must be a string");
        }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(source, $"{name} is empty");
        }
        return text;
    }

    private static string Name(SftFormat format) => format switch
    {
        SftFormat.PromptCompletion => $"prompt-completion (\"{PromptKey}\"/\"{CompletionKey}\")",
        SftFormat.Conversational => $"conversational (\"{MessagesKey}\")",
        _ => $"language modelling (\"{TextKey}\")",
    };

    private static string DescribeKeys(JsonElement obj)
    {
        var keys = obj.EnumerateObject().Select(p => $"\"{p.Name}\"").ToList();
        return keys.Count == 0 ? "no keys" : "keys " + string.Join(", ", keys);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static TrainingException Error(string source, string message) => new($"{source}: {message}");
}
