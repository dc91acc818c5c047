namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// How many offline rows to write and from which seed. <see cref="EdgeCaseShare"/> of the rows are edge cases,
/// spread round-robin over every tag; <see cref="NonEnglishShare"/> of the remaining normal rows are written in
/// French, Spanish or German (kind stays "normal", lang says the language) so that other languages are not only
/// ever seen as oddities.
/// </summary>
public sealed record OfflineSynthesisOptions(int Count, int Seed)
{
    public double EdgeCaseShare { get; init; } = 0.2;

    public double NonEnglishShare { get; init; } = 0.04;
}
