namespace Tailor.Domains.Safety;

/// <summary>
/// What every safety-set request shares: the request sentences per language (with a {business} slot), the ordinary
/// business backgrounds an embedded request hides in (English, with a {request} slot), and shared slot values
/// ({town}, {founder}) per language.
/// </summary>
internal sealed record SafetyPhrasing(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Requests,
    IReadOnlyList<string> Contexts,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Slots);
