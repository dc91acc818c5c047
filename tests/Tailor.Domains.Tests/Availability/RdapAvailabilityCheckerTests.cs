using System.Diagnostics;
using Tailor.Domains.Availability;

namespace Tailor.Domains.Tests.Availability;

public sealed class RdapAvailabilityCheckerTests
{
    [Theory]
    [InlineData("taken.com", AvailabilityStatus.Registered, "RDAP 200")]
    [InlineData("free-name.com", AvailabilityStatus.Available, "RDAP 404")]
    [InlineData("broken.com", AvailabilityStatus.Unknown, "RDAP 500")]
    public async Task The_registry_status_code_decides(string domain, AvailabilityStatus status, string evidence)
    {
        await using var server = await FakeRdapServer.StartAsync();
        using var http = new HttpClient();
        var checker = new RdapAvailabilityChecker(http, new RdapCheckOptions { BaseUrlOverride = server.BaseUrl, Timeout = TimeSpan.FromSeconds(5) });

        var result = await checker.CheckAsync(domain, CancellationToken.None);

        Assert.Equal(new AvailabilityResult(domain, status, evidence, result.Elapsed), result);
        Assert.Equal(1, server.RequestsFor(domain));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_gives_unknown_within_the_timeout()
    {
        await using var server = await FakeRdapServer.StartAsync();
        using var http = new HttpClient();
        var checker = new RdapAvailabilityChecker(http, new RdapCheckOptions { BaseUrlOverride = server.BaseUrl, Timeout = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var result = await checker.CheckAsync("slow.com", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Unknown, result.Status);
        Assert.Equal("RDAP timeout", result.Evidence);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_server_that_is_not_there_gives_unknown()
    {
        using var http = new HttpClient();
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        var checker = new RdapAvailabilityChecker(http, new RdapCheckOptions { BaseUrlOverride = new Uri("http://127.0.0.1:9/rdap"), Timeout = TimeSpan.FromSeconds(5) });

        var result = await checker.CheckAsync("taken.com", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Unknown, result.Status);
        Assert.StartsWith("RDAP error", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_result()
    {
        await using var server = await FakeRdapServer.StartAsync();
        using var http = new HttpClient();
        var checker = new RdapAvailabilityChecker(http, new RdapCheckOptions { BaseUrlOverride = server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checker.CheckAsync("slow.com", cancel.Token));
    }

    [Fact]
    public void Without_an_override_only_TLDs_in_the_bootstrap_are_covered()
    {
        using var http = new HttpClient();
        var checker = new RdapAvailabilityChecker(http, new RdapCheckOptions());

        Assert.True(checker.Covers("example.com"));
        Assert.True(checker.Covers("example.dev"));
        Assert.False(checker.Covers("example.test"));
        Assert.False(checker.Covers("example.co.uk"));
    }

    [Fact]
    public async Task An_uncovered_TLD_is_unknown_without_a_request()
    {
        using var http = new HttpClient();
        var checker = new RdapAvailabilityChecker(http, new RdapCheckOptions());

        var result = await checker.CheckAsync("example.test", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Unknown, result.Status);
        Assert.Equal("no RDAP server for .test", result.Evidence);
    }
}
