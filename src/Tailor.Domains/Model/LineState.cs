namespace Tailor.Domains.Model;

/// <summary>Where the line being written stands: in the label (its length, whether it ends with '-') or in the suffix (a trie node).</summary>
internal readonly record struct LineState(int LabelLength, bool EndsWithHyphen, bool InSuffix, int SuffixNode)
{
    public static LineState Empty => default;
}
