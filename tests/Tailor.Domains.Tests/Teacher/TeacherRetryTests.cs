using System.Diagnostics;
using Microsoft.Extensions.AI;
using Tailor.Domains.Synthesis.Teacher;
using static Tailor.Domains.Tests.Teacher.TeacherTestKit;

namespace Tailor.Domains.Tests.Teacher;

public sealed class TeacherRetryTests
{
    [Fact]
    public async Task RateLimitStormIsRiddenOutHonouringRetryAfter()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = request => request.Number <= 10 ? FakeReply.Error(429, retryAfter: "0") : FakeTeacherServer.DefaultReply(request);
        // A long backoff: only honouring "Retry-After: 0" keeps this test fast.
        var slowBackoff = FastRetry with { BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(60) };
        using var temp = new TempDirectory();
        var watch = Stopwatch.StartNew();

        var summary = await new TeacherSynthesizer(Client(server, slowBackoff), Options(6)).RunAsync(temp.File("t.jsonl"));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal(6, summary.Written);
        Assert.Equal(10, summary.Retries);
        Assert.Equal(22, server.Requests);
        Assert.Equal(6, ReadChecked(temp.File("t.jsonl")).Count);
        // Failed requests have no usage; only the 12 answers are paid for.
        Assert.Equal(12 * FakeTeacherServer.PromptTokens, summary.PromptTokens);
    }

    [Fact]
    public async Task ServerErrorsInBetweenAreRetried()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        var errors = 0;
        server.Respond = request =>
        {
            if (request.Number % 3 == 1 && request.Number < 30)
            {
                Interlocked.Increment(ref errors);
                return FakeReply.Error(request.Number % 2 == 0 ? 500 : 503);
            }
            return FakeTeacherServer.DefaultReply(request);
        };
        using var temp = new TempDirectory();

        var summary = await new TeacherSynthesizer(Client(server), Options(8)).RunAsync(temp.File("t.jsonl"));

        Assert.Equal(8, summary.Written);
        Assert.True(errors >= 5, $"only {errors} errors served");
        Assert.Equal(errors, summary.Retries);
        Assert.Equal(16 + errors, server.Requests);
    }

    [Fact]
    public async Task RefusedKeyFailsAtOnceWithAClearMessage()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = _ => FakeReply.Error(401);
        using var client = Client(server);
        using var temp = new TempDirectory();

        var error = await Assert.ThrowsAsync<DomainDataException>(
            () => new TeacherSynthesizer(client, Options(5, concurrency: 1)).RunAsync(temp.File("t.jsonl")));

        Assert.Contains("refused the API key (401)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
        Assert.Equal(0, client.GetService<RetryingChatClient>()!.Retries);
    }

    [Theory]
    [InlineData(404, "not found (404)")]
    [InlineData(400, "rejected the request (400)")]
    [InlineData(403, "denied access (403)")]
    public async Task OtherClientErrorsAreNotRetried(int status, string expected)
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = _ => FakeReply.Error(status);
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<DomainDataException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "{\"company_name\"}")]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GivesUpAfterMaxAttemptsSayingWhy()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = _ => FakeReply.Error(503);
        using var client = Client(server, FastRetry with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<DomainDataException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "{\"company_name\"}")]));

        Assert.Contains("still failed after 3 attempts: server error (503)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests);
        Assert.Equal(2, client.GetService<RetryingChatClient>()!.Retries);
    }

    [Fact]
    public async Task TimeoutsAreRetried()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = request => request.Number == 1
            ? FakeTeacherServer.DefaultReply(request) with { Delay = TimeSpan.FromSeconds(30) }
            : FakeTeacherServer.DefaultReply(request);
        // Long enough that the prompt second answer never times out on a loaded machine, short next to the 30 s stall.
        using var client = Client(server, timeout: TimeSpan.FromSeconds(3));

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "{\"company_name\"}")]);

        Assert.Contains("company_name", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests);
        Assert.Equal(1, client.GetService<RetryingChatClient>()!.Retries);
    }

    [Fact]
    public async Task ConnectionRefusedIsATransportErrorThatIsRetried()
    {
        // A port that was just free: nothing listens there.
        Uri deadUrl;
        await using (var server = await FakeTeacherServer.StartAsync())
        {
            deadUrl = server.BaseUrl;
        }
        using var client = TeacherClientFactory.Create(deadUrl, TeacherTestKit.Model, null, FastRetry with { MaxAttempts = 2 }, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<DomainDataException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]));

        Assert.Contains("still failed after 2 attempts: transport error", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.GetService<RetryingChatClient>()!.Retries);
    }
}
