using Tailor.Domains.Splits;
using Tailor.Domains.Synthesis.Offline;

namespace Tailor.Domains.Building;

/// <summary>A built dataset: its splits, how they were joined, the synthetic text's diversity, and the files written.</summary>
public sealed record DatasetBuildResult(
    DatasetSplits Splits,
    SplitReport Splitting,
    DiversityReport? Diversity,
    string CardPath,
    IReadOnlyList<string> SuitePaths);
