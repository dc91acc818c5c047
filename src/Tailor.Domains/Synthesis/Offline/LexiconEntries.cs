namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// A kind of business as the lexicon describes it: what it is called, what it offers, who it serves, the words that
/// make good domain parts, and the TLDs that fit it (best first).
/// </summary>
internal sealed record Industry(
    string Key,
    IReadOnlyList<string> Nouns,
    IReadOnlyList<string> Offerings,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> Benefits,
    IReadOnlyList<string> Tlds);

/// <summary>A city, the language spoken there and its country-code TLD (possibly two labels, "co.uk").</summary>
internal sealed record Place(string Name, string Country, string Lang, string Cctld);

/// <summary>How a business makes money ("a subscription service") and the name parts that suit it ("club").</summary>
internal sealed record BusinessModel(string Key, IReadOnlyList<string> Phrases, IReadOnlyList<string> Keywords);

/// <summary>A voice for descriptions: sentence openers and closing lines.</summary>
internal sealed record Tone(string Key, IReadOnlyList<string> Openers, IReadOnlyList<string> Closers);

/// <summary>An industry in another language: nouns with their article ("une boulangerie"), offerings, name parts.</summary>
internal sealed record ForeignIndustry(
    string Key,
    IReadOnlyList<string> Nouns,
    IReadOnlyList<string> Offerings,
    IReadOnlyList<string> Keywords);

/// <summary>A description language other than English: its ccTLD, phrase templates and translated industries.</summary>
internal sealed record ForeignLanguage(
    string Lang,
    string Tld,
    IReadOnlyList<string> Templates,
    IReadOnlyList<ForeignIndustry> Industries);
