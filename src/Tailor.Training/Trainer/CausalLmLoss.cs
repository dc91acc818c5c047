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
        long vocab = logits.shape[^1];
        var predicted = logits.narrow(1, 0, logits.shape[1] - 1).reshape(-1, vocab).to(ScalarType.Float32);
        var targets = labels.narrow(1, 1, labels.shape[1] - 1).reshape(-1);
        var lossSum = nn.functional.cross_entropy(predicted, targets, ignore_index: IgnoreIndex, reduction: nn.Reduction.Sum);
        var labelled = targets.ne(IgnoreIndex);
        long tokens = labelled.sum().item<long>();
        long correct;
        using (no_grad()) correct = (predicted.argmax(-1).eq(targets) & labelled).sum().item<long>();
        return (lossSum.MoveToOuterDisposeScope(), tokens, correct);
    }
}
