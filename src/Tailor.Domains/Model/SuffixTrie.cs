namespace Tailor.Domains.Model;

/// <summary>
/// The allowed suffixes as a character trie: node 0 is the root (nothing typed after the dot); each node knows its
/// children and which full suffixes lie below it, which is what the constraint needs to tell whether a name can
/// still be finished.
/// </summary>
internal sealed class SuffixTrie
{
    private readonly List<Dictionary<char, int>> _children = [[]];
    private readonly List<string?> _suffixAt = [null];
    private readonly List<List<string>> _below = [[]];

    public SuffixTrie(IEnumerable<string> suffixes)
    {
        foreach (var suffix in suffixes)
        {
            var node = 0;
            _below[0].Add(suffix);
            foreach (var c in suffix)
            {
                if (!_children[node].TryGetValue(c, out var next))
                {
                    next = _children.Count;
                    _children.Add([]);
                    _suffixAt.Add(null);
                    _below.Add([]);
                    _children[node][c] = next;
                }
                node = next;
                _below[node].Add(suffix);
            }
            _suffixAt[node] = suffix;
        }
    }

    public int NodeCount => _children.Count;

    /// <summary>The node after typing <paramref name="c"/> at <paramref name="node"/>, or -1 when no suffix continues so.</summary>
    public int Next(int node, char c) => _children[node].TryGetValue(c, out var next) ? next : -1;

    /// <summary>The node reached by typing <paramref name="text"/> from the root, or -1.</summary>
    public int Find(string text)
    {
        var node = 0;
        foreach (var c in text)
        {
            node = Next(node, c);
            if (node < 0)
            {
                return -1;
            }
        }
        return node;
    }

    /// <summary>The full suffix that ends at <paramref name="node"/>, or null.</summary>
    public string? SuffixAt(int node) => _suffixAt[node];

    /// <summary>Every full suffix that starts with the text of <paramref name="node"/>.</summary>
    public IReadOnlyList<string> Below(int node) => _below[node];
}
