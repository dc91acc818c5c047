using Microsoft.Extensions.AI;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// The embedding_cosine metric: the cosine between a description's embedding and each name's segmented words
/// ("get fresh bread"), with any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (the lexical
/// <see cref="TfIdfEmbedder"/>, or an OpenAI-compatible endpoint from <see cref="EmbedderFactory"/>).
/// </summary>
public static class EmbeddingCosine
{
    /// <summary>One cosine per entry of <paramref name="domainWordStrings"/>, in order, from a single embedding call.</summary>
    public static async Task<IReadOnlyList<double>> ScoreAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        string description,
        IReadOnlyList<string> domainWordStrings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(domainWordStrings);
        if (domainWordStrings.Count == 0)
        {
            return [];
        }
        var embeddings = await embedder.GenerateAsync([description, .. domainWordStrings], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (embeddings.Count != domainWordStrings.Count + 1)
        {
            throw new InvalidOperationException(
                $"The embedder returned {embeddings.Count} embeddings for {domainWordStrings.Count + 1} inputs.");
        }
        var query = embeddings[0].Vector;
        return embeddings.Skip(1).Select(e => Cosine(query.Span, e.Vector.Span)).ToList();
    }

    /// <summary>The cosine of two vectors; 0 when either is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({a.Length} and {b.Length}).", nameof(b));
        }
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }
}
