namespace Tailor.Engine.Generation;

public enum FinishReason
{
    /// <summary>A stop token (usually end-of-sequence) was produced; it is not part of <see cref="GeneratedSequence.Tokens"/>.</summary>
    StopToken,
    /// <summary>The decoded text reached a stop string.</summary>
    StopString,
    /// <summary>max_new_tokens was reached.</summary>
    Length,
}

/// <summary>One output for one prompt. <see cref="Score"/> is the log-probability sum (beam search: length-penalised).</summary>
public sealed record GeneratedSequence(int PromptIndex, IReadOnlyList<int> Tokens, FinishReason FinishReason, double Score);
