using Tailor.Engine.Models;
using Tailor.Training.Data;
using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>
/// Cross-entropy of a sequence classifier. A sequence's class id sits in its label at position 0, the [CLS]
/// token whose hidden state the classifier reads (every other label is ignored), so classification data travels
/// through the same <see cref="Batcher"/> as token-level data. Accuracy is the share of sequences classified right.
/// </summary>
public sealed class SequenceClassificationObjective(DistilBertForSequenceClassification model) : ITrainingObjective
{
    /// <summary>A classification example: the token ids and the class id carried at position 0.</summary>
    public static TokenizedExample Example(int[] inputIds, int classId)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        var labels = Enumerable.Repeat(TokenizedExample.IgnoreIndex, inputIds.Length).ToArray();
        labels[0] = classId;
        return new TokenizedExample(inputIds, labels);
    }

    public Batch Prepare(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch with { LabelTokens = batch.Size };
    }

    public (Tensor LossSum, long Targets, long Correct) Loss(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var classes = batch.Labels.select(1, 0);
        var logits = model.forward(batch.InputIds, batch.HasPadding ? batch.AttentionMask : null);
        var lossSum = nn.functional.cross_entropy(logits.to(ScalarType.Float32), classes, reduction: nn.Reduction.Sum);
        long correct;
        using (no_grad()) correct = logits.argmax(-1).eq(classes).sum().item<long>();
        return (lossSum.MoveToOuterDisposeScope(), batch.Size, correct);
    }
}
