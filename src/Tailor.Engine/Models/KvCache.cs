using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Models;

/// <summary>
/// Pre-allocated key/value cache for incremental decoding of a batch.
///
/// Every sequence of the batch writes into the same slot range at each step, so a left-padded
/// prompt leaves pad slots at the front of its row. Each slot remembers whether it holds a real
/// token and that token's position, so attention masks by position rather than by slot: sequences
/// of different lengths then decode together with correct rotary positions.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor[] keys;
    readonly Tensor[] values;
    Tensor valid;
    Tensor positions;

    public int Batch { get; private set; }
    public int Capacity { get; }
    /// <summary>Slots filled so far (the same for every row).</summary>
    public int Length { get; private set; }

    public KvCache(LlamaConfig config, int batch, int capacity, ScalarType dtype, Device device)
    {
        if (capacity > config.MaxPositionEmbeddings * 4L)
            throw new EngineException($"KV cache of {capacity} slots is far beyond max_position_embeddings ({config.MaxPositionEmbeddings})");
        Batch = batch;
        Capacity = capacity;
        keys = new Tensor[config.NumHiddenLayers];
        values = new Tensor[config.NumHiddenLayers];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = zeros([batch, config.NumKeyValueHeads, capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
            values[i] = zeros([batch, config.NumKeyValueHeads, capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
        }
        // The cache outlives the caller's dispose scope: it is disposed explicitly.
        valid = zeros([batch, capacity], ScalarType.Bool, device).DetachFromDisposeScope();
        positions = zeros([batch, capacity], ScalarType.Int64, device).DetachFromDisposeScope();
    }

    /// <summary>Position each row continues from: one past its last real token (0 for an empty row).</summary>
    public Tensor NextPositions()
    {
        using var scope = NewDisposeScope();
        if (Length == 0) return zeros([Batch], ScalarType.Int64, positions.device).MoveToOuterDisposeScope();
        var filled = positions.narrow(1, 0, Length).masked_fill(valid.narrow(1, 0, Length).logical_not(), -1);
        return (filled.max(1).values + 1).MoveToOuterDisposeScope();
    }

    /// <summary>Records which of the next <paramref name="count"/> slots are real tokens and their positions.</summary>
    internal void Reserve(Tensor slotValid, Tensor slotPositions)
    {
        int count = (int)slotValid.shape[1];
        if (Length + count > Capacity)
            throw new EngineException($"KV cache is full: {Length} + {count} tokens exceed its {Capacity} slots");
        using var _ = no_grad();
        valid.narrow(1, Length, count).copy_(slotValid);
        positions.narrow(1, Length, count).copy_(slotPositions);
    }

    /// <summary>Writes this step's keys/values of one layer and returns all filled slots (views).</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor k, Tensor v)
    {
        int count = (int)k.shape[2];
        using (no_grad())
        {
            keys[layer].narrow(2, Length, count).copy_(k);
            values[layer].narrow(2, Length, count).copy_(v);
        }
        return (keys[layer].narrow(2, 0, Length + count), values[layer].narrow(2, 0, Length + count));
    }

    internal void Advance(int count) => Length += count;

    /// <summary>Slot validity and positions of everything filled, including slots reserved this step.</summary>
    internal (Tensor Valid, Tensor Positions) Slots(int upcoming) =>
        (valid.narrow(1, 0, Length + upcoming), positions.narrow(1, 0, Length + upcoming));

    /// <summary>Reorders (and possibly repeats) rows: beam search keeps the cache of each surviving beam.</summary>
    public void SelectRows(Tensor rowIndex)
    {
        using var _ = no_grad();
        for (int i = 0; i < keys.Length; i++)
        {
            Replace(ref keys[i], keys[i].index_select(0, rowIndex));
            Replace(ref values[i], values[i].index_select(0, rowIndex));
        }
        Replace(ref valid, valid.index_select(0, rowIndex));
        Replace(ref positions, positions.index_select(0, rowIndex));
        Batch = (int)rowIndex.shape[0];
    }

    static void Replace(ref Tensor slot, Tensor next)
    {
        slot.Dispose();
        slot = next.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
        valid.Dispose();
        positions.Dispose();
    }
}
