namespace Tailor.Domains.Splits;

/// <summary>
/// Two texts (by index, <see cref="First"/> &lt; <see cref="Second"/>) that are the same after normalizing
/// (<see cref="Exact"/>) or whose shingle sets overlap at least to the threshold (<see cref="Similarity"/> is their
/// true Jaccard similarity, 1 for exact duplicates).
/// </summary>
public readonly record struct DuplicatePair(int First, int Second, double Similarity, bool Exact);
