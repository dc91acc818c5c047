using Tailor.Domains.Data;
using Tailor.Domains.Synthesis.Teacher;
using static Tailor.Domains.Tests.Teacher.TeacherTestKit;

namespace Tailor.Domains.Tests.Teacher;

public sealed class TeacherSynthesizerTests
{
    [Fact]
    public async Task HappyPathWritesOneSoundRowPerBriefAndCountsEverything()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.File("teacher.jsonl");
        var reports = new List<TeacherProgress>();

        var summary = await new TeacherSynthesizer(Client(server), Options(6))
            .RunAsync(path, new SyncProgress(reports.Add));

        var rows = ReadChecked(path);
        var briefs = TeacherBriefs.Create(42, 6);
        Assert.Equal(briefs.Select(b => b.Id), rows.Select(r => r.Id));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            Assert.Equal(ExampleKinds.Normal, row.Kind);
            Assert.Equal("teacher:" + TeacherTestKit.Model, row.Source);
            Assert.Equal(briefs[i].Language, row.Lang);
            var hash = FakeTeacherServer.Hash(TeacherPrompts.Company(briefs[i]));
            Assert.Equal($"We are business {hash}, a friendly local shop.", row.Description);
            Assert.Equal("teacher:company" + hash, row.Group);
            Assert.Equal(10, row.DomainList.Count);
        }
        Assert.Equal(new TeacherRunSummary(
            Written: 6, SkippedAlreadyDone: 0, Failed: 0, Duplicates: 0, NotStarted: 0, Retries: 0,
            PromptTokens: 12 * FakeTeacherServer.PromptTokens, CompletionTokens: 12 * FakeTeacherServer.CompletionTokens,
            BudgetExhausted: false, RawDomains: 60, ValidRawDomains: 60, StrictJsonAnswers: 12, TotalAnswers: 12), summary);
        Assert.Equal(1.0, summary.ValidRawDomainShare);
        Assert.Equal(12, server.Requests);
        Assert.Equal(new TeacherProgress(6, 6, 6, 12 * 70), reports[^1]);
        Assert.Contains("| Rows written | 6 |", summary.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("60/60 (100.0%)", summary.ToMarkdown(), StringComparison.Ordinal);
        // Step 2 sees only the description, never the brief's invented name.
        var domainPrompt = server.Received.First(r => r.Step == FakeStep.Domains).FirstUserPrompt;
        Assert.Contains("We are business", domainPrompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TeacherStructuredOutput.JsonSchema, "json_schema")]
    [InlineData(TeacherStructuredOutput.JsonObject, "json_object")]
    [InlineData(TeacherStructuredOutput.None, null)]
    public async Task StructuredOutputModeReachesTheRequest(TeacherStructuredOutput mode, string? expectedType)
    {
        await using var server = await FakeTeacherServer.StartAsync();
        using var temp = new TempDirectory();

        await new TeacherSynthesizer(Client(server), Options(1) with { StructuredOutput = mode }).RunAsync(temp.File("t.jsonl"));

        Assert.Equal(2, server.Received.Count);
        foreach (var request in server.Received)
        {
            Assert.Equal(expectedType, (string?)request.Body["response_format"]?["type"]);
            Assert.Equal("Bearer test-key", request.Authorization);
        }
        if (mode == TeacherStructuredOutput.JsonSchema)
        {
            var company = server.Received.Single(r => r.Step == FakeStep.Company).Body["response_format"]!["json_schema"]!;
            Assert.Equal("company", (string?)company["name"]);
            Assert.NotNull(company["schema"]!["properties"]!["company_name"]);
        }
    }

    [Fact]
    public async Task MalformedAnswersAreReAskedAndTheRawValidShareIsReported()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        var good = Enumerable.Range(1, 10).Select(i => $"good{i}.com").ToList();
        string[] domainAnswers =
        [
            "Sorry, here are some ideas: shop.com, store.com",                          // not JSON: 0 raw
            FakeTeacherServer.DomainsJson(good.Take(9)),                                // 9 raw, 9 valid
            FakeTeacherServer.DomainsJson([.. good.Take(9), "my shop.com"]),           // 10 raw, 9 valid -> brief 0 fails
            FakeTeacherServer.DomainsJson([.. good.Take(9), "GOOD1.com "]),            // 10 raw, 9 valid (a repeat once normalized)
            "```json\n" + FakeTeacherServer.DomainsJson(good.Select(d => " " + d.ToUpperInvariant())) + "\n```", // 10/10, fenced
        ];
        var domainRequests = 0;
        server.Respond = request => request.Step == FakeStep.Domains
            ? FakeReply.Answer(domainAnswers[Interlocked.Increment(ref domainRequests) - 1])
            : FakeTeacherServer.DefaultReply(request);
        using var temp = new TempDirectory();
        var path = temp.File("t.jsonl");

        var summary = await new TeacherSynthesizer(Client(server), Options(2, concurrency: 1)).RunAsync(path);

        var row = Assert.Single(ReadChecked(path));
        Assert.Equal("teacher-000001", row.Id);
        Assert.Equal(good, row.DomainList);
        Assert.Equal(1, summary.Written);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(39, summary.RawDomains);
        Assert.Equal(37, summary.ValidRawDomains);
        Assert.Equal(7, summary.TotalAnswers);
        // Strict: both companies and the three bare-JSON domain answers; not the prose nor the fenced one.
        Assert.Equal(5, summary.StrictJsonAnswers);
        // Re-asks carry the conversation so far and say what was wrong.
        var reasks = server.Received.Where(r => r.Step == FakeStep.Domains).Select(r => r.LastUserPrompt).ToList();
        Assert.Contains("not a JSON object", reasks[1], StringComparison.Ordinal);
        Assert.Contains("expected 10 domains, got 9", reasks[2], StringComparison.Ordinal);
        Assert.Contains("'good1.com' appears more than once", reasks[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnusableCompanyAnswersFailTheBriefAfterMaxAttempts()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = request => request.Step == FakeStep.Company
            ? FakeReply.Answer("""{"company_name": "", "description": "Fine words."}""")
            : FakeTeacherServer.DefaultReply(request);
        using var temp = new TempDirectory();

        var summary = await new TeacherSynthesizer(Client(server), Options(2) with { MaxAnswerAttempts = 2 })
            .RunAsync(temp.File("t.jsonl"));

        Assert.Equal(2, summary.Failed);
        Assert.Equal(0, summary.Written);
        Assert.Equal(4, server.Requests);
        Assert.Empty(DomainDatasetFile.Read(temp.File("t.jsonl")));
    }

    [Fact]
    public async Task RepeatedCompaniesAreDroppedAndCounted()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        string[] companies =
        [
            FakeTeacherServer.CompanyJson("Bloom & Co", "Flowers for weddings in Lyon."),
            FakeTeacherServer.CompanyJson("Other Two", "Bikes repaired while you wait."),
            FakeTeacherServer.CompanyJson("BLOOM & CO.", "A different text, same company."),       // same name key
            FakeTeacherServer.CompanyJson("Fresh Name", "  bikes REPAIRED, while you wait!  "),    // same description key
            FakeTeacherServer.CompanyJson("Third One", "Tax returns for freelancers."),
        ];
        var companyRequests = 0;
        server.Respond = request => request.Step == FakeStep.Company
            ? FakeReply.Answer(companies[Interlocked.Increment(ref companyRequests) - 1])
            : FakeTeacherServer.DefaultReply(request);
        using var temp = new TempDirectory();
        var path = temp.File("t.jsonl");

        var summary = await new TeacherSynthesizer(Client(server), Options(5, concurrency: 1)).RunAsync(path);

        var rows = ReadChecked(path);
        Assert.Equal(["teacher:bloomco", "teacher:othertwo", "teacher:thirdone"], rows.Select(r => r.Group));
        Assert.Equal(3, summary.Written);
        Assert.Equal(2, summary.Duplicates);
        // A repeat known before step 2 costs no domains request.
        Assert.Equal(3, server.Received.Count(r => r.Step == FakeStep.Domains));
    }

    [Fact]
    public async Task ParallelRepeatsKeepTheEarliestBrief()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        var number = 0;
        server.Respond = request => request.Step == FakeStep.Company
            ? FakeReply.Answer(FakeTeacherServer.CompanyJson("Twin", "Twin text " + Interlocked.Increment(ref number))) with
            {
                Delay = TimeSpan.FromMilliseconds(request.Number % 3 * 10),
            }
            : FakeTeacherServer.DefaultReply(request);
        using var temp = new TempDirectory();
        var path = temp.File("t.jsonl");

        var summary = await new TeacherSynthesizer(Client(server), Options(8, concurrency: 4)).RunAsync(path);

        var row = Assert.Single(ReadChecked(path));
        Assert.Equal("teacher-000000", row.Id);
        Assert.Equal(7, summary.Duplicates);
    }

    [Fact]
    public async Task SameSeedGivesByteIdenticalFilesWhateverTheTiming()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        var calls = 0;
        // Uneven delays make the workers finish out of order.
        server.Respond = request => FakeTeacherServer.DefaultReply(request) with
        {
            Delay = TimeSpan.FromMilliseconds(Interlocked.Increment(ref calls) * 7 % 23),
        };
        using var temp = new TempDirectory();

        await new TeacherSynthesizer(Client(server), Options(10, concurrency: 4)).RunAsync(temp.File("a.jsonl"));
        await new TeacherSynthesizer(Client(server), Options(10, concurrency: 3)).RunAsync(temp.File("b.jsonl"));

        Assert.Equal(File.ReadAllBytes(temp.File("a.jsonl")), File.ReadAllBytes(temp.File("b.jsonl")));
        Assert.Equal(10, ReadChecked(temp.File("a.jsonl")).Count);
    }

    [Fact]
    public async Task NoMoreThanConcurrencyRequestsAreInFlight()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = request => FakeTeacherServer.DefaultReply(request) with { Delay = TimeSpan.FromMilliseconds(40) };
        using var temp = new TempDirectory();

        var summary = await new TeacherSynthesizer(Client(server), Options(12, concurrency: 3)).RunAsync(temp.File("t.jsonl"));

        Assert.Equal(12, summary.Written);
        Assert.InRange(server.MaxInFlight, 2, 3);
    }

    [Fact]
    public void OptionsAreChecked()
    {
        using var client = new NeverChatClient();
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeacherSynthesizer(client, Options(1, concurrency: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeacherSynthesizer(client, Options(1) with { MaxAnswerAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeacherSynthesizer(client, Options(1) with { TokenBudget = 0 }));
        Assert.Throws<ArgumentException>(() => new TeacherSynthesizer(client, Options(1) with { Model = " " }));
    }

    private sealed class NeverChatClient : Microsoft.Extensions.AI.IChatClient
    {
        public Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(
            IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
