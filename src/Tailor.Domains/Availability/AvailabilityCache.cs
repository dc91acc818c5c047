namespace Tailor.Domains.Availability;

/// <summary>
/// Recent definite results (registered or available) by name, each kept for a time-to-live and at most
/// <c>maxEntries</c> of them; when full, the entry that expires first goes. Unknown results are never kept: they say
/// nothing about the name, only about the moment. Thread-safe.
/// </summary>
internal sealed class AvailabilityCache
{
    private readonly Dictionary<string, (AvailabilityResult Result, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeSpan _ttl;
    private readonly int _maxEntries;
    private readonly TimeProvider _time;

    public AvailabilityCache(TimeSpan ttl, int maxEntries, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        _ttl = ttl;
        _maxEntries = maxEntries;
        _time = time;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string domain, out AvailabilityResult result)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(domain, out var entry))
            {
                if (entry.Expires > _time.GetUtcNow())
                {
                    result = entry.Result;
                    return true;
                }
                _entries.Remove(domain);
            }
        }
        result = null!;
        return false;
    }

    public void Add(AvailabilityResult result)
    {
        if (result.Status == AvailabilityStatus.Unknown || _ttl == TimeSpan.Zero || _maxEntries == 0)
        {
            return;
        }
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (!_entries.ContainsKey(result.Domain) && _entries.Count >= _maxEntries)
            {
                foreach (var expired in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(expired);
                }
                if (_entries.Count >= _maxEntries)
                {
                    _entries.Remove(_entries.MinBy(e => e.Value.Expires).Key);
                }
            }
            _entries[result.Domain] = (result, now + _ttl);
        }
    }
}
