using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>
/// Next-token cross-entropy over the labelled positions: the logit at position t predicts label t+1,
/// and label -100 (prompt, padding) contributes nothing — the "loss on the answer only" of SFT.
/// </summary>
public static class CausalLmLoss
{
    public const long IgnoreIndex = -100;

    /// <summary>Summed loss (a scalar tensor, differentiable), the number of labelled tokens, and how many were predicted right.</summary>
    public static (Tensor LossSum, long Tokens, long Correct) Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        long batch = logits.shape[0], length = logits.shape[1], vocab = logits.shape[^1];
        // Shift the labels rather than the logits: the logits stay a view (no copy of the widest tensor
        // of the step), and the last position, which predicts nothing, gets the ignore label.
        var targets = cat([labels.narrow(1, 1, length - 1), full([batch, 1], IgnoreIndex, labels.dtype, labels.device)], 1).reshape(-1);
        var flat = logits.reshape(-1, vocab);
        // The loss itself in fp32, as HF upcasts: bf16 sums of thousands of terms lose too much.
        var lossSum = nn.functional.cross_entropy(flat.to(ScalarType.Float32), targets, ignore_index: IgnoreIndex, reduction: nn.Reduction.Sum);
        var labelled = targets.ne(IgnoreIndex);
        long tokens = labelled.sum().item<long>();
        long correct;
        using (no_grad()) correct = (flat.argmax(-1).eq(targets) & labelled).sum().item<long>();
        return (lossSum.MoveToOuterDisposeScope(), tokens, correct);
    }
}
