namespace Tailor.Domains.Splits;

/// <summary>The splits and the report of how they were formed.</summary>
public sealed record SplitResult(DatasetSplits Splits, SplitReport Report);
