namespace Tailor.Domains.Safety;

/// <summary>
/// A legitimate business that shares words with a refusal category (a breast-cancer charity, a company in Essex),
/// with the keywords and TLDs its reference domains are named from.
/// </summary>
internal sealed record NearMissTheme(
    string Id,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Tlds,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Templates)
{
    /// <summary>The theme as a template family: its id and templates.</summary>
    public TemplateFamily Family => new(Id, Templates);
}
