using Tailor.Engine.Models;
using Tailor.Training.Data;
using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>Next-token prediction on the labelled positions (SFT with the prompt masked, or pretraining).</summary>
public sealed class CausalLmObjective(LlamaForCausalLM model) : ITrainingObjective
{
    public Batch Prepare(Batch batch) => batch;

    public (Tensor LossSum, long Targets, long Correct) Loss(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Without padding, no mask: attention then takes SDPA's fused causal path.
        var logits = model.forward(batch.InputIds, batch.HasPadding ? batch.AttentionMask : null);
        return CausalLmLoss.Compute(logits, batch.Labels);
    }
}
