using System.Text.Json.Serialization;

namespace Tailor.Server.Chat;

/// <summary>An OpenAI chat.completion object with one choice.</summary>
public sealed record ChatCompletionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string ObjectType,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice> Choices,
    [property: JsonPropertyName("usage")] ChatUsage Usage);

/// <summary>One answer of a chat completion.</summary>
public sealed record ChatChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] ChatAssistantMessage Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason);

/// <summary>The assistant's message.</summary>
public sealed record ChatAssistantMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

/// <summary>Token counts (approximate where the suggester reports none: characters / 4, rounded up).</summary>
public sealed record ChatUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);

/// <summary>An OpenAI error body: {"error":{"message","type"}}, with the product's "status"/"message" beside it.</summary>
public sealed record ChatErrorResponse(
    [property: JsonPropertyName("error")] ChatError Error,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message)
{
    public static ChatErrorResponse For(int status, string message) =>
        new(new ChatError(message, status >= 500 ? "server_error" : "invalid_request_error"), "error", message);
}

/// <summary>The error's message and OpenAI type.</summary>
public sealed record ChatError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type);
