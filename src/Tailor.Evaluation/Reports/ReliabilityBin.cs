namespace Tailor.Evaluation.Reports;

/// <summary>
/// Suggestions whose stated confidence fell in [<see cref="From"/>, <see cref="To"/>): how many, their mean confidence,
/// and the share that were valid and relevant. A calibrated suggester has <see cref="GoodRate"/> ≈ <see cref="MeanConfidence"/>.
/// </summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanConfidence, double GoodRate);
