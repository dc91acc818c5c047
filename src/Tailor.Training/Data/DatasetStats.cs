namespace Tailor.Training.Data;

/// <summary>What tokenizing a data file gave, for the run log and for spotting a too-small max_length.</summary>
/// <param name="Examples">Examples kept.</param>
/// <param name="Tokens">Tokens in the kept examples (after truncation).</param>
/// <param name="CompletionTokens">Of those, the labelled ones: the tokens the loss is computed on.</param>
/// <param name="Truncated">Examples longer than max_length and cut to it, the dropped ones included.</param>
/// <param name="Dropped">Examples that had no labelled token left after truncation and were left out.</param>
/// <param name="MeanLength">Mean length of the kept examples, in tokens.</param>
/// <param name="MaxLength">Length of the longest kept example.</param>
public sealed record DatasetStats(int Examples, long Tokens, long CompletionTokens, int Truncated, int Dropped, double MeanLength, int MaxLength);
