using System.Diagnostics;
using System.Net;
using Tailor.Domains.Availability;

namespace Tailor.Domains.Tests.Availability;

public sealed class DnsAvailabilityCheckerTests(DnsmasqServer dnsmasq) : IClassFixture<DnsmasqServer>
{
    private DnsAvailabilityChecker Checker(bool recursive = false)
    {
        dnsmasq.Require();
        var resolver = recursive ? dnsmasq.RecursiveEndpoint : dnsmasq.Endpoint;
        return new DnsAvailabilityChecker(new DnsCheckOptions { Resolver = resolver, Timeout = TimeSpan.FromSeconds(2), Retries = 0 });
    }

    [SkippableFact]
    public async Task A_delegated_name_is_registered_by_its_NS_records()
    {
        var result = await Checker().CheckAsync("taken.test", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Registered, result.Status);
        Assert.Equal("NS records", result.Evidence);
        Assert.Equal("taken.test", result.Domain);
        Assert.Equal(1, await dnsmasq.QueriesSettledAsync("taken.test", "NS", atLeast: 1));
    }

    [SkippableFact]
    public async Task A_name_that_exists_without_NS_is_registered_after_asking_for_its_SOA()
    {
        var result = await Checker().CheckAsync("parked.test", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Registered, result.Status);
        Assert.Equal("name exists (NOERROR, no NS)", result.Evidence);
        Assert.Equal(1, await dnsmasq.QueriesSettledAsync("parked.test", "SOA", atLeast: 1));
    }

    [SkippableFact]
    public async Task An_unknown_name_denied_by_its_parent_zone_is_available()
    {
        var checker = Checker();
        var zoneQueriesBefore = await dnsmasq.QueriesSettledAsync("test", "SOA", atLeast: 0);

        var result = await checker.CheckAsync("free-name-42.test", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Available, result.Status);
        Assert.Equal("NXDOMAIN from the test zone", result.Evidence);
        // The denial carried the zone's SOA: no second query needed.
        Assert.Equal(zoneQueriesBefore, await dnsmasq.QueriesSettledAsync("test", "SOA", atLeast: zoneQueriesBefore));
    }

    [SkippableFact]
    public async Task Through_a_recursive_resolver_a_bare_NXDOMAIN_is_confirmed_by_the_parent_zones_SOA()
    {
        var result = await Checker(recursive: true).CheckAsync("free-name-43.test", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Available, result.Status);
        Assert.Equal("NXDOMAIN, test zone answers (SOA)", result.Evidence);
        Assert.Equal(1, await dnsmasq.QueriesSettledAsync("free-name-43.test", "NS", atLeast: 1));
        Assert.True(await dnsmasq.QueriesSettledAsync("test", "SOA", atLeast: 1) >= 1);
    }

    [SkippableFact]
    public async Task An_NXDOMAIN_that_no_parent_zone_vouches_for_is_unknown()
    {
        var result = await Checker(recursive: true).CheckAsync("nothing.gone", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Unknown, result.Status);
        Assert.Equal("NXDOMAIN, but no gone zone (NXDOMAIN)", result.Evidence);
        Assert.Equal(1, await dnsmasq.QueriesSettledAsync("gone", "SOA", atLeast: 1));
    }

    [SkippableFact]
    public async Task A_name_the_resolver_refuses_is_unknown_not_available()
    {
        // No upstream: dnsmasq refuses names outside the zones it holds, as a broken resolver would.
        var result = await Checker().CheckAsync("anything.example", CancellationToken.None);

        Assert.Equal(AvailabilityStatus.Unknown, result.Status);
        Assert.Equal("REFUSED", result.Evidence);
    }

    [Fact]
    public async Task A_resolver_that_never_answers_gives_unknown_within_the_timeout_after_the_retries()
    {
        using var silent = new SilentResolver();
        var checker = new DnsAvailabilityChecker(new DnsCheckOptions { Resolver = silent.Endpoint, Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 });
        var clock = Stopwatch.StartNew();

        var result = await checker.CheckAsync("taken.test", CancellationToken.None);

        clock.Stop();
        Assert.Equal(AvailabilityStatus.Unknown, result.Status);
        Assert.Equal("timeout", result.Evidence);
        // One query and one retry, 300 ms each; no SOA query after a timeout.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(3));
        // The resolver counts a datagram when its receive loop next runs, which a loaded thread pool can delay.
        SpinWait.SpinUntil(() => silent.Received >= 2, TimeSpan.FromSeconds(2));
        Assert.Equal(2, silent.Received);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws_rather_than_reporting_a_timeout()
    {
        using var silent = new SilentResolver();
        var checker = new DnsAvailabilityChecker(new DnsCheckOptions { Resolver = silent.Endpoint, Timeout = TimeSpan.FromSeconds(5), Retries = 0 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checker.CheckAsync("taken.test", cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Resolver_addresses_parse_with_and_without_a_port()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 53), DnsCheckOptions.ParseResolver("10.0.0.2"));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5353), DnsCheckOptions.ParseResolver("127.0.0.1:5353"));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 53), DnsCheckOptions.ParseResolver("::1"));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 5353), DnsCheckOptions.ParseResolver("[::1]:5353"));
        Assert.Throws<FormatException>(() => DnsCheckOptions.ParseResolver("dns.example"));
    }

    [Fact]
    public void The_system_resolvers_come_from_nameserver_lines()
    {
        const string text = "# generated\nsearch corp.example\nnameserver 10.0.0.2\nnameserver   2001:db8::53 # second\n;nameserver 9.9.9.9\nnameserver bogus\noptions ndots:1\n";

        var servers = ResolvConf.Parse(text);

        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.0.0.2"), 53), new IPEndPoint(IPAddress.Parse("2001:db8::53"), 53)], servers);
        Assert.Empty(ResolvConf.Read("/nonexistent/resolv.conf"));
    }
}
