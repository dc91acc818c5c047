namespace Tailor.Domains.Model;

/// <summary>
/// The suffixes the model may end a name with unless told otherwise: common generic and industry TLDs, all in the
/// ICANN section of the Public Suffix List and all used by the synthetic data's industries, so every name built on
/// them is registrable.
/// </summary>
public static class DomainSuffixes
{
    public static IReadOnlyList<string> Default { get; } =
    [
        "com", "net", "org", "io", "ai", "co", "app", "dev", "tech", "shop", "store", "studio", "design", "health",
        "care", "online", "site", "xyz", "me", "info", "biz", "cafe", "travel", "school", "finance", "art", "agency",
        "cloud", "life", "live", "space", "world", "media", "group", "digital", "games", "fun", "club", "fit", "law",
        "legal", "homes", "energy", "eco", "pet", "kids",
    ];
}
