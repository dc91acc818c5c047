namespace Tailor.Domains.Guard;

/// <summary>
/// Turns a description into <see cref="SparseFeatures"/> under given <see cref="FeatureHashing"/> settings: the text is
/// normalized, split into words (runs of letters and digits), and every word n-gram and every character n-gram of each
/// word padded with spaces (or, if the settings say so, of all the words joined by single spaces) is hashed to a signed
/// slot. The vector is scaled to unit
/// length so long descriptions do not outvote short ones.
/// </summary>
public sealed class FeatureHasher
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    private readonly FeatureHashing _settings;
    private readonly int _mask;

    public FeatureHasher(FeatureHashing settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _mask = settings.Buckets - 1;
    }

    public FeatureHashing Settings => _settings;

    /// <summary>The features of <paramref name="description"/> (normalized here).</summary>
    public SparseFeatures Features(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var words = Words(SafetyTextNormalizer.Normalize(description));
        var sums = new Dictionary<int, float>();
        for (var n = 1; n <= _settings.MaxWordNGram; n++)
        {
            for (var start = 0; start + n <= words.Count; start++)
            {
                // 'w' and the length keep word and character n-grams in different hash streams.
                Add(sums, Hash(Hash(FnvOffset, 'w'), string.Join(' ', words.Skip(start).Take(n))));
            }
        }
        if (_settings.CharNGramsWithinWords)
        {
            foreach (var word in words)
            {
                AddCharNGrams(sums, " " + word + " ");
            }
        }
        else
        {
            AddCharNGrams(sums, " " + string.Join(' ', words) + " ");
        }
        return ToUnitVector(sums);
    }

    private void AddCharNGrams(Dictionary<int, float> sums, string spaced)
    {
        for (var n = _settings.MinCharNGram; n <= _settings.MaxCharNGram; n++)
        {
            var prefix = Hash(FnvOffset, (char)('0' + n));
            for (var start = 0; start + n <= spaced.Length; start++)
            {
                Add(sums, Hash(prefix, spaced.AsSpan(start, n)));
            }
        }
    }

    /// <summary>The runs of letters and digits in normalized text.</summary>
    internal static List<string> Words(string normalized)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var inWord = i < normalized.Length && char.IsLetterOrDigit(normalized[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(normalized[start..i]);
                start = -1;
            }
        }
        return words;
    }

    private void Add(Dictionary<int, float> sums, uint hash)
    {
        // The top bit gives the sign, the low bits the slot (independent enough for FNV-1a's avalanche).
        var slot = (int)(hash & (uint)_mask);
        var sign = (hash & 0x80000000u) == 0 ? 1f : -1f;
        sums[slot] = sums.GetValueOrDefault(slot) + sign;
    }

    private static uint Hash(uint state, char c)
    {
        state = (state ^ (byte)c) * FnvPrime;
        return (state ^ (byte)(c >> 8)) * FnvPrime;
    }

    private static uint Hash(uint state, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            state = Hash(state, c);
        }
        return state;
    }

    private static SparseFeatures ToUnitVector(Dictionary<int, float> sums)
    {
        var entries = sums.Where(e => e.Value != 0).OrderBy(e => e.Key).ToArray();
        var norm = MathF.Sqrt(entries.Sum(e => e.Value * e.Value));
        var indices = entries.Select(e => e.Key).ToArray();
        var values = entries.Select(e => norm > 0 ? e.Value / norm : 0f).ToArray();
        return new SparseFeatures(indices, values);
    }
}
