namespace Tailor.Training.Data;

/// <summary>
/// SplitMix64: a small generator whose sequence is fixed by its key alone, on every platform and .NET version
/// (System.Random promises neither), so a (seed, epoch) always gives the same data order.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _state;

    /// <summary>A generator for a key, e.g. (seed, epoch): each part is mixed in, so nearby keys give unrelated sequences.</summary>
    public DeterministicRandom(params ReadOnlySpan<long> key)
    {
        _state = 0x6A09E667F3BCC908UL;
        foreach (var part in key)
        {
            _state ^= (ulong)part;
            _state = NextUInt64();
        }
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) (the high half of a 64×64-bit product; bias below 2^-32).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
