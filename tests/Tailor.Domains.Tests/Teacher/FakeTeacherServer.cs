using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
/// A local OpenAI-compatible endpoint for the teacher tests (a <see cref="FakeChatServer"/>; usage: 50 prompt + 20
/// completion tokens). By default the answers are a pure function of the prompt (so runs are reproducible);
/// <see cref="Respond"/> scripts anything else.
/// </summary>
internal sealed class FakeTeacherServer : IAsyncDisposable
{
    public const int PromptTokens = 50;
    public const int CompletionTokens = 20;

    private FakeChatServer _server = null!;

    private FakeTeacherServer() => Respond = DefaultReply;

    /// <summary>Decides each reply; defaults to <see cref="DefaultReply"/>. Called concurrently.</summary>
    public Func<FakeRequest, FakeReply> Respond { get; set; }

    public Uri BaseUrl => _server.BaseUrl;

    public int Requests => _server.Requests;

    /// <summary>The most requests the server has had in flight at once.</summary>
    public int MaxInFlight => _server.MaxInFlight;

    public ConcurrentQueue<FakeRequest> Received { get; } = new();

    public static async Task<FakeTeacherServer> StartAsync()
    {
        var fake = new FakeTeacherServer();
        fake._server = await FakeChatServer.StartAsync("fake-teacher", fake.Answer);
        return fake;
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

    /// <summary>Tells the step from the first user prompt, records the request and asks <see cref="Respond"/>.</summary>
    private ChatReply Answer(ChatCall call)
    {
        var first = call.UserPrompts[0];
        var step = first.Contains("\"company_name\"", StringComparison.Ordinal) ? FakeStep.Company : FakeStep.Domains;
        var request = new FakeRequest(call.Number, step, first, call.UserPrompts[^1], call.Authorization, call.Body);
        Received.Enqueue(request);
        var reply = Respond(request);
        return new ChatReply(reply.Status, reply.Content, reply.RetryAfter, reply.Delay, PromptTokens, CompletionTokens);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
