using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tailor.Tests;

/// <summary>One chat.completions request as the fake server saw it.</summary>
/// <param name="Number">1-based arrival number over the server's life.</param>
/// <param name="UserPrompts">The texts of the user messages, in order.</param>
internal sealed record ChatCall(int Number, IReadOnlyList<string> UserPrompts, string? Authorization, JsonNode Body);

/// <summary>What the fake server answers: a chat completion with <see cref="Content"/> and usage, or an error status.</summary>
internal sealed record ChatReply(int Status, string? Content, string? RetryAfter, TimeSpan Delay, int PromptTokens, int CompletionTokens);

/// <summary>
/// A local OpenAI-compatible endpoint (Kestrel on 127.0.0.1, a free port) answering POST /v1/chat/completions with
/// real chat.completion JSON, or OpenAI-style error bodies with an optional Retry-After, for the tests of every
/// client of such endpoints (teacher, judge, CLI). It counts requests and the most in flight at once.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly string _model;
    private readonly Func<ChatCall, ChatReply> _respond;
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    private WebApplication _app = null!;

    private FakeChatServer(string model, Func<ChatCall, ChatReply> respond)
    {
        _model = model;
        _respond = respond;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The most requests the server has had in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <param name="respond">Decides each reply; called concurrently.</param>
    public static async Task<FakeChatServer> StartAsync(string model, Func<ChatCall, ChatReply> respond)
    {
        var server = new FakeChatServer(model, respond);
        (server._app, var address) = await LoopbackApp.StartAsync(app => app.MapPost("/v1/chat/completions", server.HandleAsync));
        server.BaseUrl = new Uri(address, "/v1");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        UpdateMax(inFlight);
        try
        {
            var number = Interlocked.Increment(ref _requests);
            var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
            var userPrompts = body["messages"]!.AsArray()
                .Where(m => (string?)m!["role"] == "user")
                .Select(m => ContentText(m!["content"]!))
                .ToList();
            var reply = _respond(new ChatCall(number, userPrompts, context.Request.Headers.Authorization.FirstOrDefault(), body));
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            await WriteAsync(context, reply, number);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void UpdateMax(int inFlight)
    {
        var seen = Volatile.Read(ref _maxInFlight);
        while (inFlight > seen && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
            seen = Volatile.Read(ref _maxInFlight);
        }
    }

    /// <summary>A message's text, whether the client sent it as a string or as content parts.</summary>
    private static string ContentText(JsonNode content) => content is JsonArray parts
        ? string.Concat(parts.Select(p => (string?)p!["text"] ?? ""))
        : (string)content!;

    private async Task WriteAsync(HttpContext context, ChatReply reply, int number)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.RetryAfter is not null)
        {
            context.Response.Headers["Retry-After"] = reply.RetryAfter;
        }
        JsonObject json = reply.Status == 200
            ? new JsonObject
            {
                ["id"] = "chatcmpl-" + number.ToString(CultureInfo.InvariantCulture),
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = _model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject
                {
                    ["prompt_tokens"] = reply.PromptTokens,
                    ["completion_tokens"] = reply.CompletionTokens,
                    ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
                },
            }
            : new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = $"fake error {reply.Status}", ["type"] = "fake_error", ["code"] = reply.Status },
            };
        await context.Response.WriteAsync(json.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
