using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>How a <see cref="Batcher"/> orders, groups and pads the examples.</summary>
public sealed record BatcherOptions
{
    /// <summary>Sequences per batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The id written into padding positions (their mask is 0 and their label -100, so any id works).</summary>
    public required int PadTokenId { get; init; }

    /// <summary>The order of every epoch is a function of (Seed, epoch) alone.</summary>
    public int Seed { get; init; }

    /// <summary>Shuffle each epoch (training); false keeps dataset order (evaluation).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Put sequences of similar length together to cut padding, as Hugging Face's group_by_length does: the
    /// shuffled order is cut into mega-batches of <see cref="MegaBatchFactor"/> × batch size, each is sorted by
    /// length, cut into batches, and the batches are shuffled.
    /// </summary>
    public bool GroupByLength { get; init; }

    /// <summary>
    /// Batches per mega-batch for <see cref="GroupByLength"/>; like HF, lowered to a quarter of the batches per
    /// epoch on small datasets so that some randomness is left.
    /// </summary>
    public int MegaBatchFactor { get; init; } = 50;

    /// <summary>Leave out the last, smaller batch of each epoch.</summary>
    public bool DropLast { get; init; }

    /// <summary>
    /// When set, examples are packed into blocks of this many tokens instead of being batched one by one (see
    /// <see cref="SequencePacker"/>); the examples need not be truncated then.
    /// </summary>
    public int? PackingLength { get; init; }

    /// <summary>The id put between packed examples that do not end with it: EOS.</summary>
    public int? SeparatorTokenId { get; init; }

    /// <summary>
    /// Options for <paramref name="tokenizer"/>'s model: padding with its pad token (EOS when it has none, which
    /// the mask makes harmless), packing separated by its EOS.
    /// </summary>
    /// <exception cref="TrainingException">The tokenizer has neither a pad nor an EOS token.</exception>
    public static BatcherOptions For(TextTokenizer tokenizer, int batchSize, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var pad = tokenizer.PadTokenId ?? tokenizer.EosTokenId ?? throw new TrainingException(
            "The tokenizer has neither a pad nor an EOS token to pad batches with.");
        return new BatcherOptions { BatchSize = batchSize, PadTokenId = pad, Seed = seed, SeparatorTokenId = tokenizer.EosTokenId };
    }
}
