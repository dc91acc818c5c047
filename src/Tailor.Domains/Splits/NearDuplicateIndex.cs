namespace Tailor.Domains.Splits;

/// <summary>
/// Finds exact and near-duplicate descriptions among many texts in about linear time. Exact duplicates meet under
/// <see cref="DescriptionText.ExactKey"/>; the rest are compared by MinHash signatures with LSH banding, and every
/// candidate pair is confirmed by the true Jaccard similarity of its shingle sets, so no pair is reported below the
/// threshold (and one above it is missed only with tiny probability: at 0.7, 32 bands of 4 miss 0.02%).
/// </summary>
/// <remarks>
/// Shingles are word 3-grams of the normalized text (<see cref="DescriptionText.Normalize"/>), or character 5-grams
/// when the text has fewer than <see cref="ShortTextWords"/> words: on a 14-word description (the real companies'
/// median) changing one word removes 3 of 12 word shingles and the pair drops to 0.6, while character shingles still
/// see it as the same text. A text just below the word limit and its edit just above it are compared on different
/// shingles and not matched; that boundary is the price of one representation per text.
/// </remarks>
public sealed class NearDuplicateIndex
{
    public const double DefaultThreshold = 0.7;
    public const int Bands = 32;
    public const int RowsPerBand = 4;
    public const int HashCount = Bands * RowsPerBand;

    /// <summary>Texts with fewer words than this are shingled by characters.</summary>
    public const int ShortTextWords = 20;

    /// <summary>The seed of the MinHash functions; fixed, so every caller sees the same pairs for the same texts.</summary>
    public const int HashSeed = 20_240_601;

    private const ulong WordShingleTag = 0x9E37_79B9_7F4A_7C15;
    private const ulong CharShingleTag = 0xC2B2_AE3D_27D4_EB4F;

    private NearDuplicateIndex(int[] exactClassOf, List<DuplicatePair> pairs)
    {
        ExactClassOf = exactClassOf;
        Pairs = pairs;
        ExactPairCount = pairs.Count(p => p.Exact);
        NearPairCount = pairs.Count - ExactPairCount;
    }

    /// <summary>For each text, the index of the first text with the same exact key (itself when it is the first).</summary>
    public IReadOnlyList<int> ExactClassOf { get; }

    /// <summary>
    /// Every exact duplicate joined to the first text of its class, and every near-duplicate pair between the first
    /// texts of two classes; ordered by (First, Second). Enough edges to connect everything that belongs together.
    /// </summary>
    public IReadOnlyList<DuplicatePair> Pairs { get; }

    public int ExactPairCount { get; }

    public int NearPairCount { get; }

    /// <summary>Indexes <paramref name="texts"/> and finds their duplicate pairs.</summary>
    public static NearDuplicateIndex Build(IReadOnlyList<string> texts, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (threshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The Jaccard threshold must be in (0, 1].");
        }
        var exactClassOf = new int[texts.Count];
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new List<DuplicatePair>();
        var representatives = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var key = DescriptionText.ExactKey(texts[i]);
            if (firstByKey.TryGetValue(key, out var first))
            {
                exactClassOf[i] = first;
                pairs.Add(new DuplicatePair(first, i, 1.0, Exact: true));
            }
            else
            {
                firstByKey.Add(key, i);
                exactClassOf[i] = i;
                representatives.Add(i);
            }
        }
        pairs.AddRange(NearPairs(texts, representatives, threshold));
        pairs.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Second.CompareTo(b.Second));
        return new NearDuplicateIndex(exactClassOf, pairs);
    }

    /// <summary>The Jaccard similarity of two texts' shingle sets, as this index measures it.</summary>
    public static double Similarity(string first, string second) =>
        Jaccard(Shingles(DescriptionText.Normalize(first)), Shingles(DescriptionText.Normalize(second)));

    private static List<DuplicatePair> NearPairs(IReadOnlyList<string> texts, List<int> representatives, double threshold)
    {
        var shingles = new ulong[representatives.Count][];
        var signatures = new ulong[representatives.Count][];
        var hashSeeds = HashSeeds();
        // Each text's shingles and signature depend on that text alone, so the parallel loop stays deterministic.
        Parallel.For(0, representatives.Count, r =>
        {
            shingles[r] = Shingles(DescriptionText.Normalize(texts[representatives[r]]));
            signatures[r] = Signature(shingles[r], hashSeeds);
        });
        var candidates = new HashSet<long>();
        for (var band = 0; band < Bands; band++)
        {
            var buckets = new Dictionary<ulong, List<int>>();
            for (var r = 0; r < representatives.Count; r++)
            {
                if (shingles[r].Length == 0)
                {
                    continue;
                }
                var key = BandKey(signatures[r], band);
                if (!buckets.TryGetValue(key, out var bucket))
                {
                    bucket = [];
                    buckets.Add(key, bucket);
                }
                bucket.Add(r);
            }
            foreach (var bucket in buckets.Values)
            {
                for (var x = 0; x < bucket.Count; x++)
                {
                    for (var y = x + 1; y < bucket.Count; y++)
                    {
                        candidates.Add(((long)bucket[x] << 32) | (uint)bucket[y]);
                    }
                }
            }
        }
        var pairs = new List<DuplicatePair>();
        foreach (var candidate in candidates)
        {
            var a = (int)(candidate >> 32);
            var b = (int)(candidate & 0xFFFF_FFFF);
            var similarity = Jaccard(shingles[a], shingles[b]);
            if (similarity >= threshold)
            {
                pairs.Add(new DuplicatePair(representatives[a], representatives[b], similarity, Exact: false));
            }
        }
        return pairs;
    }

    /// <summary>The sorted, distinct 64-bit hashes of a normalized text's shingles; empty for an empty text.</summary>
    private static ulong[] Shingles(string normalized)
    {
        if (normalized.Length == 0)
        {
            return [];
        }
        var words = normalized.Split(' ');
        var hashes = new List<ulong>();
        if (words.Length >= ShortTextWords)
        {
            for (var i = 0; i + 2 < words.Length; i++)
            {
                hashes.Add(Hash(WordShingleTag, $"{words[i]} {words[i + 1]} {words[i + 2]}"));
            }
        }
        else if (normalized.Length <= 5)
        {
            hashes.Add(Hash(CharShingleTag, normalized));
        }
        else
        {
            for (var i = 0; i + 5 <= normalized.Length; i++)
            {
                hashes.Add(Hash(CharShingleTag, normalized.AsSpan(i, 5)));
            }
        }
        hashes.Sort();
        return [.. hashes.Distinct()];
    }

    /// <summary>The multipliers (odd) and offsets of the <see cref="HashCount"/> MinHash functions.</summary>
    private static (ulong[] Multipliers, ulong[] Offsets) HashSeeds()
    {
        var random = new Random(HashSeed);
        var multipliers = new ulong[HashCount];
        var offsets = new ulong[HashCount];
        for (var i = 0; i < HashCount; i++)
        {
            multipliers[i] = Mix((ulong)random.NextInt64()) | 1;
            offsets[i] = Mix((ulong)random.NextInt64());
        }
        return (multipliers, offsets);
    }

    /// <summary>
    /// The minimum of each function a*x+b (mod 2^64) over the shingle hashes. The shingle hashes are already well
    /// mixed, and an odd multiplier makes each function a permutation, so one multiply-add per function is enough.
    /// </summary>
    private static ulong[] Signature(ulong[] shingles, (ulong[] Multipliers, ulong[] Offsets) functions)
    {
        var (multipliers, offsets) = functions;
        var signature = new ulong[HashCount];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < signature.Length; i++)
            {
                var value = (shingle * multipliers[i]) + offsets[i];
                if (value < signature[i])
                {
                    signature[i] = value;
                }
            }
        }
        return signature;
    }

    private static ulong BandKey(ulong[] signature, int band)
    {
        var key = (ulong)band;
        for (var i = band * RowsPerBand; i < (band + 1) * RowsPerBand; i++)
        {
            key = Mix(key ^ signature[i]);
        }
        return key;
    }

    private static double Jaccard(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return (double)shared / (a.Length + b.Length - shared);
    }

    /// <summary>FNV-1a over the UTF-16 code units, finished with <see cref="Mix"/>: stable across runs and platforms.</summary>
    private static ulong Hash(ulong tag, ReadOnlySpan<char> text)
    {
        var hash = 0xCBF2_9CE4_8422_2325 ^ tag;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x0000_0100_0000_01B3;
        }
        return Mix(hash);
    }

    /// <summary>The SplitMix64 finalizer: a cheap 64-bit mixing permutation.</summary>
    internal static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58_476D_1CE4_E5B9;
        value = (value ^ (value >> 27)) * 0x94D0_49BB_1331_11EB;
        return value ^ (value >> 31);
    }
}
