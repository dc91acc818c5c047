namespace Tailor.Domains.Model;

/// <summary>
/// The cached answer for one line state: tokens that only extend the label (always allowed unless an excluded word
/// appears) and tokens that reach the suffix (checked per request against earlier names).
/// </summary>
internal sealed record LineMask(bool[] LabelOnly, int[] LabelOnlyIds, SuffixToken[] ReachingSuffix);
