using Microsoft.Extensions.AI;

namespace Tailor.Evaluation.Metrics;

/// <summary>How <see cref="CaseScorer"/> judges answers.</summary>
public sealed record CaseScoringOptions
{
    /// <summary>How many names an answer must have.</summary>
    public int ExpectedCount { get; init; } = 10;

    /// <summary>An embedder for the embedding_cosine metric (needs <see cref="CaseScorer.ScoreAsync"/>); none by default.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embedder { get; init; }

    /// <summary>An answer whose mean relevance is below this is "irrelevant" and fails.</summary>
    public double RelevanceThreshold { get; init; } = 0.2;

    /// <summary>A name whose label is longer than this is "too-long".</summary>
    public int MaxLabelLength { get; init; } = 20;

    /// <summary>A name segmented into more words than this is "too-long".</summary>
    public int MaxWords { get; init; } = 3;
}
