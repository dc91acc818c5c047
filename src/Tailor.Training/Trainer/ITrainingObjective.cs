using Tailor.Training.Data;
using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>
/// What a training run optimises: how a batch is made ready (masking, for masked-LM) and what loss the model's
/// output gives on it. The trainer's loop, schedule, clipping, checkpoints and early stopping are the same for
/// every objective; only this differs between causal-LM SFT, masked-LM pretraining and sequence classification.
/// </summary>
public interface ITrainingObjective
{
    /// <summary>
    /// The batch the loss is computed on, with <see cref="Batch.LabelTokens"/> set to its number of targets
    /// (the trainer divides each step's summed loss by the step's targets). Random choices must draw from torch's
    /// global generator, which the trainer seeds per step, so that a resumed run makes the same choices.
    /// Takes ownership of <paramref name="batch"/>.
    /// </summary>
    Batch Prepare(Batch batch);

    /// <summary>Summed loss over the batch's targets (differentiable), how many targets there were, and how many the model got right.</summary>
    (Tensor LossSum, long Targets, long Correct) Loss(Batch batch);
}
