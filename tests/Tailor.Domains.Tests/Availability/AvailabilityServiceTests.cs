using System.Diagnostics;
using Tailor.Domains.Availability;

namespace Tailor.Domains.Tests.Availability;

public sealed class AvailabilityServiceTests(DnsmasqServer dnsmasq) : IClassFixture<DnsmasqServer>
{
    private DnsAvailabilityChecker Dns()
    {
        dnsmasq.Require();
        return new DnsAvailabilityChecker(new DnsCheckOptions { Resolver = dnsmasq.Endpoint, Timeout = TimeSpan.FromSeconds(2), Retries = 0 });
    }

    private static RdapAvailabilityChecker Rdap(HttpClient http, FakeRdapServer server, TimeSpan? timeout = null) =>
        new(http, new RdapCheckOptions { BaseUrlOverride = server.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(5) });

    [SkippableFact]
    public async Task DNS_settles_registered_names_and_RDAP_decides_the_rest()
    {
        var dns = Dns();
        await using var server = await FakeRdapServer.StartAsync();
        using var http = new HttpClient();
        using var service = new AvailabilityService(dns, Rdap(http, server), new AvailabilityOptions());

        var results = await service.CheckAsync(["taken.test", "free-one.test", "held-one.test", "broken-one.test", "Taken.Test.", "not a domain"], CancellationToken.None);

        Assert.Equal(6, results.Count);
        Assert.Equal(("taken.test", AvailabilityStatus.Registered, "NS records"), (results[0].Domain, results[0].Status, results[0].Evidence));
        Assert.Equal(("free-one.test", AvailabilityStatus.Available, "RDAP 404; DNS: NXDOMAIN from the test zone"), (results[1].Domain, results[1].Status, results[1].Evidence));
        // Registered at the registry but not in DNS (no delegation): RDAP catches what NXDOMAIN hides.
        Assert.Equal((AvailabilityStatus.Registered, "RDAP 200; DNS: NXDOMAIN from the test zone"), (results[2].Status, results[2].Evidence));
        // RDAP failing leaves the DNS verdict, with the failure on record.
        Assert.Equal((AvailabilityStatus.Available, "NXDOMAIN from the test zone; RDAP 500"), (results[3].Status, results[3].Evidence));
        // The same name, spelt differently, is checked once.
        Assert.Equal(("taken.test", AvailabilityStatus.Registered), (results[4].Domain, results[4].Status));
        Assert.Equal(1, await dnsmasq.QueriesSettledAsync("taken.test", "NS", atLeast: 1));
        Assert.Equal(AvailabilityStatus.Unknown, results[5].Status);
        Assert.StartsWith("invalid name", results[5].Evidence, StringComparison.Ordinal);
        // A name DNS already showed registered costs no RDAP request.
        Assert.Equal(0, server.RequestsFor("taken.test"));
        Assert.Equal(1, server.RequestsFor("free-one.test"));
    }

    [SkippableFact]
    public async Task A_cached_result_needs_no_second_query_until_it_expires()
    {
        var dns = Dns();
        var time = new ManualTime();
        using var service = new AvailabilityService(dns, rdap: null, new AvailabilityOptions { CacheTtl = TimeSpan.FromMinutes(30) }, time);

        var first = (await service.CheckAsync(["cache-probe.test"], CancellationToken.None))[0];
        var queriesAfterFirst = await dnsmasq.QueriesSettledAsync("cache-probe.test", "NS", atLeast: 1);
        var second = (await service.CheckAsync(["cache-probe.test"], CancellationToken.None))[0];
        var queriesAfterSecond = await dnsmasq.QueriesSettledAsync("cache-probe.test", "NS", atLeast: queriesAfterFirst);
        time.Advance(TimeSpan.FromMinutes(31));
        var third = (await service.CheckAsync(["cache-probe.test"], CancellationToken.None))[0];
        var queriesAfterThird = await dnsmasq.QueriesSettledAsync("cache-probe.test", "NS", atLeast: queriesAfterFirst + 1);

        Assert.Equal((AvailabilityStatus.Available, "NXDOMAIN from the test zone"), (first.Status, first.Evidence));
        Assert.Equal((AvailabilityStatus.Available, "NXDOMAIN from the test zone (cached)"), (second.Status, second.Evidence));
        Assert.Equal((AvailabilityStatus.Available, "NXDOMAIN from the test zone"), (third.Status, third.Evidence));
        Assert.Equal([1, 1, 2], [queriesAfterFirst, queriesAfterSecond, queriesAfterThird]);
    }

    [SkippableFact]
    public async Task The_batch_deadline_turns_what_is_not_done_into_unknown_and_keeps_what_is()
    {
        var dns = Dns();
        await using var server = await FakeRdapServer.StartAsync();
        using var http = new HttpClient();
        using var service = new AvailabilityService(dns, Rdap(http, server, TimeSpan.FromSeconds(30)), new AvailabilityOptions { BatchDeadline = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();

        var results = await service.CheckAsync(["taken.test", "slow-one.test", "free-two.test"], CancellationToken.None);

        clock.Stop();
        Assert.Equal([AvailabilityStatus.Registered, AvailabilityStatus.Unknown, AvailabilityStatus.Available], results.Select(r => r.Status));
        Assert.Equal("batch deadline", results[1].Evidence);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        // Unknown is not cached: the next batch asks again.
        Assert.Equal(2, service.CachedCount);
    }

    [Fact]
    public async Task A_silent_resolver_cannot_hold_a_batch_past_its_deadline()
    {
        using var silent = new SilentResolver();
        var dns = new DnsAvailabilityChecker(new DnsCheckOptions { Resolver = silent.Endpoint, Timeout = TimeSpan.FromSeconds(5), Retries = 2 });
        using var service = new AvailabilityService(dns, rdap: null, new AvailabilityOptions { BatchDeadline = TimeSpan.FromMilliseconds(500), MaxConcurrency = 2 });
        var clock = Stopwatch.StartNew();

        var results = await service.CheckAsync(["a.test", "b.test", "c.test", "d.test"], CancellationToken.None);

        clock.Stop();
        Assert.All(results, r => Assert.Equal((AvailabilityStatus.Unknown, "batch deadline"), (r.Status, r.Evidence)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(2.5));
        // Two slots: the other two names never got to send a query.
        Assert.Equal(2, silent.Received);
    }

    [Fact]
    public async Task No_more_names_are_checked_at_once_than_the_concurrency_limit()
    {
        var checker = new CountingChecker(TimeSpan.FromMilliseconds(50));
        using var service = new AvailabilityService(checker, rdap: null, new AvailabilityOptions { MaxConcurrency = 3 });

        var names = Enumerable.Range(0, 12).Select(i => $"name{i}.com").ToList();
        var results = await service.CheckAsync(names, CancellationToken.None);

        Assert.Equal(names, results.Select(r => r.Domain));
        Assert.Equal(12, checker.Calls);
        Assert.Equal(3, checker.MaxInFlight);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws_rather_than_reporting_unknowns()
    {
        var checker = new CountingChecker(TimeSpan.FromSeconds(10));
        using var service = new AvailabilityService(checker, rdap: null, new AvailabilityOptions());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.CheckAsync(["a.com"], cancel.Token));
    }

    /// <summary>Says "registered" after a delay, counting calls and the most in flight at once.</summary>
    private sealed class CountingChecker(TimeSpan delay) : IAvailabilityChecker
    {
        private int _calls;
        private int _inFlight;
        private int _maxInFlight;

        public int Calls => Volatile.Read(ref _calls);

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public async Task<AvailabilityResult> CheckAsync(string domain, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }
            try
            {
                await Task.Delay(delay, cancellationToken);
                return new AvailabilityResult(domain, AvailabilityStatus.Registered, "counted", TimeSpan.Zero);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
