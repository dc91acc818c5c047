using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Data;

/// <summary>
/// A batch of B sequences right-padded to the longest, T tokens. All tensors are [B, T] int64; dispose the
/// batch when the step is done.
/// </summary>
/// <param name="InputIds">Token ids; padding positions hold the pad id.</param>
/// <param name="AttentionMask">1 on real tokens, 0 on padding.</param>
/// <param name="Labels">
/// Aligned with <paramref name="InputIds"/> (Hugging Face convention: the loss compares the logits at t - 1 with
/// Labels[t]); <see cref="TokenizedExample.IgnoreIndex"/> (-100) on padding and wherever nothing is learned.
/// </param>
/// <param name="RealTokens">Number of non-padding positions (the sum of the mask).</param>
/// <param name="LabelTokens">
/// Number of targets the loss averages over: labels other than -100 from position 1 on (column 0 is never
/// predicted), as the <see cref="Batcher"/> counts them for causal-LM data; a trainer objective's
/// <c>Prepare</c> resets it to what its loss sums over (masked positions, or one per sequence for a classifier). Use it
/// to weight batches when accumulating gradients.
/// </param>
public sealed record Batch(Tensor InputIds, Tensor AttentionMask, Tensor Labels, int RealTokens, int LabelTokens) : IDisposable
{
    /// <summary>B, the number of sequences.</summary>
    public int Size => (int)InputIds.shape[0];

    /// <summary>T, the padded length.</summary>
    public int Length => (int)InputIds.shape[1];

    /// <summary>Whether any position is padding (a model can skip the attention mask otherwise).</summary>
    public bool HasPadding => RealTokens < InputIds.numel();

    /// <summary>Moves the tensors to <paramref name="device"/> (a new batch; this one is left as it is).</summary>
    public Batch To(Device device) =>
        new(InputIds.to(device), AttentionMask.to(device), Labels.to(device), RealTokens, LabelTokens);

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        Labels.Dispose();
    }
}
