using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tailor.Evaluation.Tests.Judges;

/// <summary>One judge request as the fake server saw it, with the case read back out of the rubric prompt.</summary>
/// <param name="Number">1-based arrival number over the server's life.</param>
/// <param name="UserMessages">1 for a first ask, more for a re-ask.</param>
internal sealed record JudgeRequest(
    int Number, string Description, IReadOnlyList<string> Domains, long? Seed, int UserMessages, string LastUserPrompt, JsonNode Body);

/// <summary>What the fake server answers: a chat completion with <see cref="Content"/> and usage, or an error status.</summary>
internal sealed record JudgeReply(int Status, string? Content = null, string? RetryAfter = null, TimeSpan Delay = default)
{
    public int PromptTokens { get; init; } = FakeJudgeServer.PromptTokens;

    public int CompletionTokens { get; init; } = FakeJudgeServer.CompletionTokens;

    public static JudgeReply Answer(string content) => new(200, content);

    public static JudgeReply Error(int status, string? retryAfter = null) => new(status, RetryAfter: retryAfter);
}

/// <summary>
/// A local OpenAI-compatible judge (Kestrel on 127.0.0.1, a free port) answering POST /v1/chat/completions with real
/// chat.completion JSON. By default it is position-invariant and deterministic: every score is a function of the
/// description and the set (not the order) of the domains. <see cref="Respond"/> scripts anything else.
/// </summary>
internal sealed class FakeJudgeServer : IAsyncDisposable
{
    public const int PromptTokens = 300;
    public const int CompletionTokens = 40;

    private readonly WebApplication _app;
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    private FakeJudgeServer(WebApplication app)
    {
        _app = app;
        Respond = InvariantReply;
    }

    /// <summary>Decides each reply; called concurrently.</summary>
    public Func<JudgeRequest, JudgeReply> Respond { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public ConcurrentQueue<JudgeRequest> Received { get; } = new();

    public static async Task<FakeJudgeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeJudgeServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Scores from the description and the sorted domains: the order shown cannot change them.</summary>
    public static JudgeReply InvariantReply(JudgeRequest request)
    {
        var basis = request.Description + "|" + string.Join(",", request.Domains.Order(StringComparer.Ordinal));
        return JudgeReply.Answer(ScoresJson(1 + (Number(basis) % 5)));
    }

    /// <summary>A judge that looks only at the first domain shown: position bias at its worst.</summary>
    public static JudgeReply FirstDomainReply(JudgeRequest request) =>
        JudgeReply.Answer(ScoresJson(1 + (Number(request.Domains[0]) % 5)));

    /// <summary>Every field as given, the parts equal to <paramref name="overall"/> unless stated.</summary>
    public static string ScoresJson(
        int overall, int? relevance = null, double confidence = 0.8, string reason = "Fits the business.") =>
        new JsonObject
        {
            ["relevance"] = relevance ?? overall,
            ["memorability"] = overall,
            ["brandability"] = overall,
            ["appropriateness"] = overall,
            ["overall"] = overall,
            ["confidence"] = confidence,
            ["reason"] = reason,
        }.ToJsonString();

    /// <summary>A stable non-negative number from text.</summary>
    public static int Number(string text) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) % 1_000_000);

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
            var (description, domains) = ReadCase(userPrompts[0]);
            var request = new JudgeRequest(number, description, domains, (long?)body["seed"], userPrompts.Count, userPrompts[^1], body);
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

    /// <summary>The description between the "&lt;&lt;&lt;" and "&gt;&gt;&gt;" lines and the "N. domain" lines after them.</summary>
    private static (string Description, List<string> Domains) ReadCase(string prompt)
    {
        var lines = prompt.Split('\n');
        var open = Array.IndexOf(lines, "<<<");
        var close = Array.IndexOf(lines, ">>>");
        var description = string.Join("\n", lines[(open + 1)..close]);
        var domains = new List<string>();
        foreach (var line in lines[(close + 1)..])
        {
            var dot = line.IndexOf(". ", StringComparison.Ordinal);
            if (dot > 0 && line[..dot].All(char.IsAsciiDigit))
            {
                domains.Add(line[(dot + 2)..]);
            }
            else if (domains.Count > 0)
            {
                break;
            }
        }
        return (description, domains);
    }

    private void UpdateMax(int inFlight)
    {
        var seen = Volatile.Read(ref _maxInFlight);
        while (inFlight > seen && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
            seen = Volatile.Read(ref _maxInFlight);
        }
    }

    private static string ContentText(JsonNode content) => content is JsonArray parts
        ? string.Concat(parts.Select(p => (string?)p!["text"] ?? ""))
        : (string)content!;

    private static async Task WriteAsync(HttpContext context, JudgeReply reply, int number)
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
                ["model"] = "fake-judge",
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
