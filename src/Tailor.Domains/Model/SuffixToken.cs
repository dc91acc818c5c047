namespace Tailor.Domains.Model;

/// <summary>A token that takes the line into (or along) the suffix: allowed only if the name can still be finished.</summary>
internal readonly record struct SuffixToken(int Id, string LabelAppend, int Node);
