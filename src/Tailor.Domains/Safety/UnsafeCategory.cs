namespace Tailor.Domains.Safety;

/// <summary>
/// The curated content of one refusal category: its slot values per language (key terms marked, see
/// <see cref="MarkedText"/>) and its template families.
/// </summary>
internal sealed record UnsafeCategory(
    string Category,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Slots,
    IReadOnlyList<TemplateFamily> Families);
