using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tailor.Domains.Tests.Teacher;

/// <summary>Which teacher step a request is for, told from its first user prompt.</summary>
internal enum FakeStep
{
    Company,
    Domains,
}

/// <summary>One chat.completions request as the fake server saw it.</summary>
/// <param name="Number">1-based arrival number over the server's life.</param>
internal sealed record FakeRequest(int Number, FakeStep Step, string FirstUserPrompt, string LastUserPrompt, string? Authorization, JsonNode Body);

/// <summary>What the fake server answers: a chat completion with <see cref="Content"/>, or an error status.</summary>
internal sealed record FakeReply(int Status, string? Content = null, string? RetryAfter = null, TimeSpan Delay = default)
{
    public static FakeReply Answer(string content) => new(200, content);

    public static FakeReply Error(int status, string? retryAfter = null) => new(status, RetryAfter: retryAfter);
}

/// <summary>
/// A local OpenAI-compatible endpoint (Kestrel on 127.0.0.1, a free port) for the teacher tests. It answers
/// POST /v1/chat/completions with real chat.completion JSON (usage: 50 prompt + 20 completion tokens). By default the
/// answers are a pure function of the prompt (so runs are reproducible); <see cref="Respond"/> scripts anything else.
/// </summary>
internal sealed class FakeTeacherServer : IAsyncDisposable
{
    public const int PromptTokens = 50;
    public const int CompletionTokens = 20;

    private readonly WebApplication _app;
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    private FakeTeacherServer(WebApplication app)
    {
        _app = app;
        Respond = DefaultReply;
    }

    /// <summary>Decides each reply; defaults to <see cref="DefaultReply"/>. Called concurrently.</summary>
    public Func<FakeRequest, FakeReply> Respond { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The most requests the server has had in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public ConcurrentQueue<FakeRequest> Received { get; } = new();

    public static async Task<FakeTeacherServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTeacherServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>A usable answer derived from the prompt alone: a company from a company prompt, 10 domains from a domains prompt.</summary>
    public static FakeReply DefaultReply(FakeRequest request) => FakeReply.Answer(request.Step == FakeStep.Company
        ? CompanyJson("Company " + Hash(request.FirstUserPrompt), $"We are business {Hash(request.FirstUserPrompt)}, a friendly local shop.")
        : DomainsJson(Enumerable.Range(1, 10).Select(i => $"brand{Hash(request.FirstUserPrompt)}-{i}.com")));

    public static string CompanyJson(string name, string description) =>
        new JsonObject { ["company_name"] = name, ["description"] = description }.ToJsonString();

    public static string DomainsJson(IEnumerable<string> domains) =>
        new JsonObject { ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]) }.ToJsonString();

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];

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
            var step = userPrompts[0].Contains("\"company_name\"", StringComparison.Ordinal) ? FakeStep.Company : FakeStep.Domains;
            var request = new FakeRequest(number, step, userPrompts[0], userPrompts[^1], context.Request.Headers.Authorization.FirstOrDefault(), body);
            Received.Enqueue(request);
            var reply = Respond(request);
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

    private static async Task WriteAsync(HttpContext context, FakeReply reply, int number)
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
                ["model"] = "fake-teacher",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject
                {
                    ["prompt_tokens"] = PromptTokens,
                    ["completion_tokens"] = CompletionTokens,
                    ["total_tokens"] = PromptTokens + CompletionTokens,
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
