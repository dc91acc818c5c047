namespace Tailor.Evaluation.Metrics;

/// <summary>
/// How relevant one name is to a description, in [0, 1] (see <see cref="Relevance"/>), with the name's segmented words
/// and those of them that matched the description.
/// </summary>
public sealed record RelevanceScore(double Score, IReadOnlyList<string> DomainWords, IReadOnlyList<string> Matched);
