using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tailor.Domains.Suggestions;
using Tailor.Server.Api;

namespace Tailor.Server.Chat;

/// <summary>
/// POST /v1/chat/completions, OpenAI-compatible and non-streaming, so chat clients and Tailor's own
/// <see cref="ChatEndpointSuggester"/> can use the served suggester. The assistant's content is the JSON answer
/// <see cref="ChatSuggesterPrompt"/> asks for: {"domains":[...]} or {"blocked":true,"reason","category"}.
/// </summary>
public static class ChatCompletionEndpoint
{
    public const string Route = "/v1/chat/completions";

    public static async Task HandleAsync(
        HttpContext context, SuggestionService service, ServerOptions options, SuggesterIdentity suggester, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(suggester);
        ArgumentNullException.ThrowIfNull(clock);
        var aborted = context.RequestAborted;
        try
        {
            SuggestionRequest request;
            int promptCharacters;
            using (var body = await JsonBodyReader.ReadObjectAsync(context.Request, options.MaxBodyBytes, aborted).ConfigureAwait(false))
            {
                request = ChatCompletionParser.Parse(body.RootElement, options);
                promptCharacters = PromptCharacters(body.RootElement);
            }
            var result = await service.SuggestAsync(request, aborted).ConfigureAwait(false);
            var content = Content(result);
            var promptTokens = result.PromptTokens > 0 ? result.PromptTokens : ApproximateTokens(promptCharacters);
            var completionTokens = result.CompletionTokens > 0 ? result.CompletionTokens : ApproximateTokens(content.Length);
            var response = new ChatCompletionResponse(
                "chatcmpl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                "chat.completion",
                clock.GetUtcNow().ToUnixTimeSeconds(),
                suggester.Name,
                [new ChatChoice(0, new ChatAssistantMessage("assistant", content), "stop")],
                new ChatUsage(promptTokens, completionTokens, promptTokens + completionTokens));
            await context.Response.WriteAsJsonAsync(response, ServerJson.Options, aborted).ConfigureAwait(false);
        }
        catch (ApiRequestException e)
        {
            await WriteErrorAsync(context, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (SuggesterUnavailableException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>Tokens as the usual rough rule has them: one per four characters, rounded up.</summary>
    public static int ApproximateTokens(int characters) => (characters + 3) / 4;

    private static string Content(SuggestionResult result) => result.Status == SuggestionStatus.Blocked
        ? JsonSerializer.Serialize(new BlockedContent(true, result.Message ?? KeywordBaselineSuggester.RefusalMessage, result.Category), ServerJson.Options)
        : JsonSerializer.Serialize(new DomainsContent(result.Suggestions.Select(s => s.Domain).ToList()), ServerJson.Options);

    /// <summary>The characters of every message's text content.</summary>
    private static int PromptCharacters(JsonElement body) => body.GetProperty("messages").EnumerateArray()
        .Select(m => m.TryGetProperty("content", out var c) ? c : default)
        .Sum(c => c.ValueKind == JsonValueKind.String ? c.GetString()!.Length
            : c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Sum(p =>
                p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Length : 0)
            : 0);

    private static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ChatErrorResponse.For(status, message), ServerJson.Options, context.RequestAborted);
    }

    private sealed record DomainsContent([property: System.Text.Json.Serialization.JsonPropertyName("domains")] IReadOnlyList<string> Domains);

    private sealed record BlockedContent(
        [property: System.Text.Json.Serialization.JsonPropertyName("blocked")] bool Blocked,
        [property: System.Text.Json.Serialization.JsonPropertyName("reason")] string Reason,
        [property: System.Text.Json.Serialization.JsonPropertyName("category")] string? Category);
}
