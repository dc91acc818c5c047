namespace Tailor.Domains.Guard;

/// <summary>A text's features: distinct hash slots in ascending order and their values (unit length overall).</summary>
public sealed record SparseFeatures(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}
