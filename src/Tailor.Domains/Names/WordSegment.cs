namespace Tailor.Domains.Names;

/// <summary>One piece of a segmented label: a dictionary word, or an unknown chunk (letters or digits) when not.</summary>
public sealed record WordSegment(string Text, bool IsKnown);
