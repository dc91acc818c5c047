using Tailor.Domains.Data;
using Tailor.Domains.Synthesis.Teacher;
using static Tailor.Domains.Tests.Teacher.TeacherTestKit;

namespace Tailor.Domains.Tests.Teacher;

public sealed class TeacherResumeTests
{
    [Fact]
    public async Task CancelledRunIsCompletedByTheNextWithNothingTwice()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = request => FakeTeacherServer.DefaultReply(request) with { Delay = TimeSpan.FromMilliseconds(5) };
        using var temp = new TempDirectory();
        var path = temp.File("t.jsonl");
        using var stop = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Written >= 3)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new TeacherSynthesizer(Client(server), Options(10, concurrency: 2)).RunAsync(path, progress, stop.Token));
        var firstRows = ReadChecked(path).Count;
        var second = await new TeacherSynthesizer(Client(server), Options(10, concurrency: 2)).RunAsync(path);

        Assert.InRange(firstRows, 3, 9);
        Assert.Equal(firstRows, second.SkippedAlreadyDone);
        Assert.Equal(10 - firstRows, second.Written);
        var rows = ReadChecked(path);
        Assert.Equal(TeacherBriefs.Create(42, 10).Select(b => b.Id).Order(StringComparer.Ordinal), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(10, rows.Select(r => r.Group).Distinct().Count());
    }

    [Fact]
    public async Task TokenBudgetStopsNewBriefsAndTheNextRunWritesExactlyTheRest()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.File("t.jsonl");

        // 70 tokens a request, 140 a brief: after 2 briefs 280 < 300, so a 3rd starts; then the budget is spent.
        var first = await new TeacherSynthesizer(Client(server), Options(6, concurrency: 1) with { TokenBudget = 300 }).RunAsync(path);
        var second = await new TeacherSynthesizer(Client(server), Options(6, concurrency: 1)).RunAsync(path);

        Assert.Equal(3, first.Written);
        Assert.Equal(3, first.NotStarted);
        Assert.True(first.BudgetExhausted);
        Assert.Contains("exhausted", first.ToMarkdown(), StringComparison.Ordinal);
        Assert.Equal(3, second.SkippedAlreadyDone);
        Assert.Equal(3, second.Written);
        Assert.False(second.BudgetExhausted);
        Assert.Equal(6 * 2, server.Requests);
        var rows = ReadChecked(path);
        Assert.Equal(TeacherBriefs.Create(42, 6).Select(b => b.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task TornLastLineOfAKilledRunIsCutAndItsBriefRedone()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.File("t.jsonl");
        await new TeacherSynthesizer(Client(server), Options(2)).RunAsync(path);
        var whole = File.ReadAllText(path);
        // The killed run got half of brief 2's line out.
        File.AppendAllText(path, """{"id":"teacher-000002","group":"teacher:x","descri""");

        var summary = await new TeacherSynthesizer(Client(server), Options(4)).RunAsync(path);

        Assert.Equal(2, summary.SkippedAlreadyDone);
        Assert.Equal(2, summary.Written);
        var rows = ReadChecked(path);
        Assert.Equal(TeacherBriefs.Create(42, 4).Select(b => b.Id), rows.Select(r => r.Id));
        Assert.StartsWith(whole, File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompaniesAlreadyInTheFileAreNotWrittenAgain()
    {
        await using var server = await FakeTeacherServer.StartAsync();
        server.Respond = request => request.Step == FakeStep.Company
            ? FakeReply.Answer(FakeTeacherServer.CompanyJson("Acme Corp.", "Anvils by mail " + request.Number))
            : FakeTeacherServer.DefaultReply(request);
        using var temp = new TempDirectory();
        var path = temp.File("t.jsonl");
        DomainDatasetFile.Write(path,
        [
            new DomainExample
            {
                Id = "teacher-000099", Group = "teacher:acmecorp", Description = "Anvils.", Kind = ExampleKinds.Normal,
                Source = "teacher:older", Lang = "en", Domains = [.. Enumerable.Range(1, 10).Select(i => $"acme{i}.com")],
            },
        ]);

        var summary = await new TeacherSynthesizer(Client(server), Options(2)).RunAsync(path);

        Assert.Equal(0, summary.Written);
        Assert.Equal(2, summary.Duplicates);
        Assert.Single(ReadChecked(path));
    }
}
