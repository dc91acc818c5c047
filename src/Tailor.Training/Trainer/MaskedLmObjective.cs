using Tailor.Engine.Models;
using Tailor.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>
/// BERT's masked-LM pretraining with dynamic masking (HF's <c>DataCollatorForLanguageModeling</c>): each time a
/// batch is seen, a fresh 15% of its ordinary tokens become targets; of those, 80% are replaced by [MASK], 10% by
/// a random ordinary token and 10% are left as they are, and the model must name the original token.
/// </summary>
/// <param name="specialTokenIds">Ids never masked nor drawn as random replacements ([CLS], [SEP], [PAD], ...).</param>
public sealed class MaskedLmObjective(DistilBertForMaskedLM model, int maskTokenId, IReadOnlyCollection<int> specialTokenIds,
    double maskProbability = 0.15) : ITrainingObjective
{
    readonly long[] specials = [.. specialTokenIds.Select(id => (long)id)];
    readonly int vocabSize = model.Config.VocabSize;
    // Random replacements are drawn above the highest special id (the specials come first in our vocabularies).
    readonly int firstOrdinaryId = specialTokenIds.Max() + 1;

    public Batch Prepare(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var ids = batch.InputIds;
        var candidates = batch.AttentionMask.to(ScalarType.Bool) & isin(ids, tensor(specials, device: ids.device)).logical_not();
        var chosen = (rand(ids.shape, device: ids.device) < maskProbability) & candidates;
        var labels = where(chosen, ids, full_like(ids, TokenizedExample.IgnoreIndex));
        var draw = rand(ids.shape, device: ids.device);
        var masked = chosen & (draw < 0.8);
        var randomised = chosen & (draw >= 0.8) & (draw < 0.9);
        var replacements = randint(firstOrdinaryId, vocabSize, ids.shape, dtype: ids.dtype, device: ids.device);
        var inputs = where(masked, full_like(ids, maskTokenId), where(randomised, replacements, ids));
        int targets = (int)chosen.sum().item<long>();
        var prepared = new Batch(inputs.MoveToOuterDisposeScope(), batch.AttentionMask.clone().MoveToOuterDisposeScope(),
            labels.MoveToOuterDisposeScope(), batch.RealTokens, targets);
        batch.Dispose();
        return prepared;
    }

    public (Tensor LossSum, long Targets, long Correct) Loss(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var selected = batch.Labels.ne(TokenizedExample.IgnoreIndex);
        var targets = batch.Labels[selected];
        long count = targets.numel();
        if (count == 0) return (zeros(1, device: batch.InputIds.device).sum().MoveToOuterDisposeScope(), 0, 0);
        // The head runs on the chosen positions only: 15% of the vocabulary projection's cost.
        var logits = model.forward(batch.InputIds, batch.HasPadding ? batch.AttentionMask : null, selected);
        var lossSum = nn.functional.cross_entropy(logits.to(ScalarType.Float32), targets, reduction: nn.Reduction.Sum);
        long correct;
        using (no_grad()) correct = logits.argmax(-1).eq(targets).sum().item<long>();
        return (lossSum.MoveToOuterDisposeScope(), count, correct);
    }
}
