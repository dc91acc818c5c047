using Tailor.Domains.Availability;

namespace Tailor.Domains.Tests.Availability;

public sealed class AvailabilityCacheTests
{
    private static AvailabilityResult Result(string domain, AvailabilityStatus status = AvailabilityStatus.Registered) =>
        new(domain, status, "NS records", TimeSpan.FromMilliseconds(5));

    [Fact]
    public void A_result_comes_back_until_its_time_to_live_is_over()
    {
        var time = new ManualTime();
        var cache = new AvailabilityCache(TimeSpan.FromMinutes(10), maxEntries: 10, time);
        cache.Add(Result("a.com"));

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(cache.TryGet("a.com", out var hit));
        Assert.Equal(Result("a.com"), hit);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("a.com", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Unknown_results_are_not_kept()
    {
        var cache = new AvailabilityCache(TimeSpan.FromMinutes(10), maxEntries: 10, new ManualTime());

        cache.Add(Result("a.com", AvailabilityStatus.Unknown));
        cache.Add(Result("b.com", AvailabilityStatus.Available));

        Assert.False(cache.TryGet("a.com", out _));
        Assert.True(cache.TryGet("b.com", out _));
    }

    [Fact]
    public void When_full_the_entry_that_expires_first_goes_and_expired_ones_before_it()
    {
        var time = new ManualTime();
        var cache = new AvailabilityCache(TimeSpan.FromMinutes(10), maxEntries: 3, time);
        cache.Add(Result("first.com"));
        time.Advance(TimeSpan.FromMinutes(1));
        cache.Add(Result("second.com"));
        cache.Add(Result("third.com"));

        cache.Add(Result("fourth.com"));

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("first.com", out _));
        Assert.True(cache.TryGet("second.com", out _));
        Assert.True(cache.TryGet("fourth.com", out _));

        // Re-adding a kept name refreshes it without evicting anyone.
        cache.Add(Result("second.com"));
        Assert.Equal(3, cache.Count);
    }
}
