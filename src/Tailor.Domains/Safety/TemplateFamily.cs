namespace Tailor.Domains.Safety;

/// <summary>
/// One way of phrasing a request (a shop, a forum, an app...; or, for near-misses, one benign theme), with its
/// templates per language ("en", "fr", "es", "de"). The family id ends the row's group, so a group-disjoint split
/// holds whole phrasings out of training.
/// </summary>
internal sealed record TemplateFamily(string Id, IReadOnlyDictionary<string, IReadOnlyList<string>> Templates);
