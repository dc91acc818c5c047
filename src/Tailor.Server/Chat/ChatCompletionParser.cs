using System.Text;
using System.Text.Json;
using Tailor.Domains.Suggestions;
using Tailor.Server.Api;

namespace Tailor.Server.Chat;

/// <summary>
/// Reads an OpenAI chat.completions request as a suggestion request. The last user message is the business
/// description (without the "Business description: " lead of <see cref="ChatSuggesterPrompt.User"/>); a system
/// message that is Tailor's own prompt (<see cref="ChatSuggesterPrompt.System(int)"/>) sets the count it names; the
/// option lines a request's options append to it are accepted but not read (the /v1/suggest API takes options).
/// Other OpenAI fields (temperature, max_tokens, ...) are accepted and ignored; "stream": true is refused.
/// </summary>
public static class ChatCompletionParser
{
    /// <exception cref="ApiRequestException">The request is not one the server can answer.</exception>
    public static SuggestionRequest Parse(JsonElement body, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            throw ApiRequestException.BadRequest("streaming is not supported by this server; send \"stream\": false (or leave it out).");
        }
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw ApiRequestException.BadRequest("'messages' must be a non-empty array of {\"role\",\"content\"} objects.");
        }
        string? user = null;
        string? system = null;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                throw ApiRequestException.BadRequest("each message must be an object with a string 'role'.");
            }
            var text = Content(message);
            switch (role.GetString())
            {
                case "user":
                    user = text;
                    break;
                case "system" or "developer":
                    system = text;
                    break;
            }
        }
        if (user is null)
        {
            throw ApiRequestException.BadRequest("no user message: the last user message is the business description.");
        }
        var lead = ChatSuggesterPrompt.User("");
        if (user.StartsWith(lead, StringComparison.Ordinal))
        {
            user = user[lead.Length..];
        }
        var description = SuggestRequestParser.CheckDescription(user, "the user message", options.MaxDescriptionLength);
        return new SuggestionRequest(description) { Count = CountFromPrompt(system, options.MaxCount) };
    }

    /// <summary>A message's text: a string, or the text parts of an array of content parts, joined.</summary>
    private static string Content(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            throw ApiRequestException.BadRequest("a message's 'content' must be a string or an array of content parts.");
        }
        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("type", out var type) && type.ValueEquals("text")
                && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(value.GetString());
            }
        }
        return text.ToString();
    }

    private static int CountFromPrompt(string? system, int maxCount)
    {
        if (system is not null)
        {
            for (var count = 1; count <= maxCount; count++)
            {
                var prompt = ChatSuggesterPrompt.System(count);
                if (string.Equals(system, prompt, StringComparison.Ordinal) || system.StartsWith(prompt + "\n", StringComparison.Ordinal))
                {
                    return count;
                }
            }
        }
        return Math.Min(SuggestionRequest.DefaultCount, maxCount);
    }
}
