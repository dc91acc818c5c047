using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

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
/// A local OpenAI-compatible judge (a <see cref="FakeChatServer"/>) that reads the case back out of the rubric prompt.
/// By default it is position-invariant and deterministic: every score is a function of the description and the set
/// (not the order) of the domains. <see cref="Respond"/> scripts anything else.
/// </summary>
internal sealed class FakeJudgeServer : IAsyncDisposable
{
    public const int PromptTokens = 300;
    public const int CompletionTokens = 40;

    private FakeChatServer _server = null!;

    private FakeJudgeServer() => Respond = InvariantReply;

    /// <summary>Decides each reply; called concurrently.</summary>
    public Func<JudgeRequest, JudgeReply> Respond { get; set; }

    public Uri BaseUrl => _server.BaseUrl;

    public int Requests => _server.Requests;

    /// <summary>The most requests the server has had in flight at once.</summary>
    public int MaxInFlight => _server.MaxInFlight;

    public ConcurrentQueue<JudgeRequest> Received { get; } = new();

    public static async Task<FakeJudgeServer> StartAsync()
    {
        var fake = new FakeJudgeServer();
        fake._server = await FakeChatServer.StartAsync("fake-judge", fake.Answer);
        return fake;
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

    /// <summary>Reads the case out of the first user prompt, records the request and asks <see cref="Respond"/>.</summary>
    private ChatReply Answer(ChatCall call)
    {
        var (description, domains) = ReadCase(call.UserPrompts[0]);
        var request = new JudgeRequest(call.Number, description, domains, (long?)call.Body["seed"], call.UserPrompts.Count, call.UserPrompts[^1], call.Body);
        Received.Enqueue(request);
        var reply = Respond(request);
        return new ChatReply(reply.Status, reply.Content, reply.RetryAfter, reply.Delay, reply.PromptTokens, reply.CompletionTokens);
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

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
