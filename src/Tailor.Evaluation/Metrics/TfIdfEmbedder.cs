using Microsoft.Extensions.AI;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// A lexical baseline embedder: each text becomes a hashed bag of features, the lower-case letter/digit tokens
/// ("w:bread", weight 1) and the character trigrams of each token padded with '^' and '$' ("c:^br", weight 0.5), so
/// that "bakery" and "baker" still overlap. A feature's count times its weight times the IDF of its bucket is added
/// to bucket FNV-1a(feature) mod <see cref="Dimensions"/>, and the vector is L2-normalized, so a dot product is a
/// cosine. IDF is fitted on a corpus (<see cref="Fit"/>: ln((1 + N) / (1 + df)) + 1, df counted per bucket) or
/// uniform (1 everywhere). Deterministic; no model, no network.
/// </summary>
public sealed class TfIdfEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int DefaultDimensions = 4096;

    private const float TrigramWeight = 0.5f;

    private readonly float[] _idf;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private TfIdfEmbedder(float[] idf)
    {
        _idf = idf;
        _metadata = new EmbeddingGeneratorMetadata("tailor-tfidf", null, "tfidf-hashed", idf.Length);
    }

    public int Dimensions => _idf.Length;

    /// <summary>An embedder with uniform IDF.</summary>
    public static TfIdfEmbedder Uniform(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        return new TfIdfEmbedder(Enumerable.Repeat(1f, dimensions).ToArray());
    }

    /// <summary>An embedder whose IDF is fitted on <paramref name="corpus"/> (e.g. a suite's descriptions).</summary>
    public static TfIdfEmbedder Fit(IEnumerable<string> corpus, int dimensions = DefaultDimensions)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        var documentFrequency = new int[dimensions];
        var documents = 0;
        foreach (var text in corpus)
        {
            documents++;
            foreach (var bucket in Features(text).Select(f => Bucket(f.Feature, dimensions)).Distinct())
            {
                documentFrequency[bucket]++;
            }
        }
        var idf = documentFrequency.Select(df => (float)(Math.Log((1.0 + documents) / (1.0 + df)) + 1)).ToArray();
        return new TfIdfEmbedder(idf);
    }

    /// <summary>The normalized vector of <paramref name="text"/> (all zeros for text without letters or digits).</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimensions];
        foreach (var (feature, weight) in Features(text))
        {
            var bucket = Bucket(feature, Dimensions);
            vector[bucket] += weight * _idf[bucket];
        }
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }
        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(
            values.Select(v => new Embedding<float>(Embed(v)) { ModelId = _metadata.DefaultModelId }));
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Nothing to release; the interface is disposable for embedders that hold connections.
    }

    private static IEnumerable<(string Feature, float Weight)> Features(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inToken = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                var token = text[start..i].ToLowerInvariant();
                yield return ("w:" + token, 1f);
                var padded = "^" + token + "$";
                for (var j = 0; j + 3 <= padded.Length; j++)
                {
                    yield return (string.Concat("c:", padded.AsSpan(j, 3)), TrigramWeight);
                }
                start = -1;
            }
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across runs and platforms, unlike string.GetHashCode.</summary>
    private static int Bucket(string feature, int dimensions)
    {
        var hash = 2166136261u;
        foreach (var c in feature)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return (int)(hash % (uint)dimensions);
    }
}
