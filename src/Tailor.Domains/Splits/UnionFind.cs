namespace Tailor.Domains.Splits;

/// <summary>Disjoint sets over 0..n-1 (path halving, union by size): which rows must stay together.</summary>
internal sealed class UnionFind
{
    private readonly int[] parent;
    private readonly int[] size;

    public UnionFind(int count)
    {
        parent = Enumerable.Range(0, count).ToArray();
        size = Enumerable.Repeat(1, count).ToArray();
    }

    public int Find(int item)
    {
        while (parent[item] != item)
        {
            parent[item] = parent[parent[item]];
            item = parent[item];
        }
        return item;
    }

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>; false when they were one already.</summary>
    public bool Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB)
        {
            return false;
        }
        if (size[rootA] < size[rootB])
        {
            (rootA, rootB) = (rootB, rootA);
        }
        parent[rootB] = rootA;
        size[rootA] += size[rootB];
        return true;
    }
}
