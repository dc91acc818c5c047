using static TorchSharp.torch;

namespace Tailor.Training.Data;

/// <summary>
/// Cuts tokenized examples into padded batches, epoch after epoch, in an order fixed by (seed, epoch).
/// </summary>
/// <remarks>
/// Batch i of epoch e is a pure function of the examples, the options, e and i: the trainer can resume at any
/// (epoch, index) with <see cref="GetBatch"/> or <see cref="GetBatches"/>, without re-reading the data or
/// replaying earlier batches, and the order never depends on what was consumed before. The order of the
/// last epoch asked for is cached, so walking an epoch costs one shuffle.
/// </remarks>
public sealed class Batcher
{
    private readonly BatcherOptions _options;
    private readonly IReadOnlyList<TokenizedExample> _sequences;
    private readonly Lock _gate = new();
    private (int Epoch, int[][] Batches)? _plan;

    /// <exception cref="TrainingException">There are no examples, or too few for one batch with DropLast.</exception>
    public Batcher(IReadOnlyList<TokenizedExample> examples, BatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize < 1)
        {
            throw new TrainingException($"Batch size must be at least 1, not {options.BatchSize}.");
        }
        if (options.PackingLength is < 2)
        {
            throw new TrainingException($"Packing length must be at least 2 tokens, not {options.PackingLength}.");
        }
        if (options.MegaBatchFactor < 1)
        {
            throw new TrainingException($"Mega-batch factor must be at least 1, not {options.MegaBatchFactor}.");
        }
        if (examples.Count == 0)
        {
            throw new TrainingException("There are no examples to batch.");
        }
        _options = options;
        _sequences = options.PackingLength is { } length ? SequencePacker.Pack(examples, length, options.SeparatorTokenId) : examples;
        BatchesPerEpoch = options.DropLast ? _sequences.Count / options.BatchSize : (_sequences.Count + options.BatchSize - 1) / options.BatchSize;
        if (BatchesPerEpoch == 0)
        {
            throw new TrainingException(
                $"{_sequences.Count} {(options.PackingLength is null ? "examples" : "packed blocks")} are fewer than one batch of {options.BatchSize}, and the last batch is dropped.");
        }
    }

    /// <summary>Batches in every epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The sequences that are batched: the examples, or the packed blocks.</summary>
    public IReadOnlyList<TokenizedExample> Sequences => _sequences;

    /// <summary>Batch <paramref name="index"/> of epoch <paramref name="epoch"/> (both from 0).</summary>
    public Batch GetBatch(int epoch, int index)
    {
        return Collate(BatchMembers(epoch, index));
    }

    /// <summary>The batches of an epoch from <paramref name="startIndex"/> on (to resume mid-epoch).</summary>
    public IEnumerable<Batch> GetBatches(int epoch, int startIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        for (var i = startIndex; i < BatchesPerEpoch; i++)
        {
            yield return GetBatch(epoch, i);
        }
    }

    /// <summary>Indices into <see cref="Sequences"/> of the members of a batch, in row order.</summary>
    public IReadOnlyList<int> BatchMembers(int epoch, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BatchesPerEpoch);
        return Plan(epoch)[index];
    }

    private int[][] Plan(int epoch)
    {
        lock (_gate)
        {
            if (_plan is not { } plan || plan.Epoch != epoch)
            {
                plan = (epoch, MakePlan(epoch));
                _plan = plan;
            }
            return plan.Batches;
        }
    }

    private int[][] MakePlan(int epoch)
    {
        var batchSize = _options.BatchSize;
        var order = Enumerable.Range(0, _sequences.Count).ToArray();
        var random = new DeterministicRandom(_options.Seed, epoch);
        if (_options.Shuffle)
        {
            random.Shuffle(order);
        }
        if (!_options.GroupByLength)
        {
            return order.Chunk(batchSize).Take(BatchesPerEpoch).ToArray();
        }
        // HF's LengthGroupedSampler: mega-batches of up to 50 batches, fewer when the data has under 200 batches.
        var factor = Math.Clamp(_sequences.Count / (batchSize * 4), 1, _options.MegaBatchFactor);
        var batches = new List<int[]>();
        foreach (var mega in order.Chunk(factor * batchSize))
        {
            // Longest first; equal lengths keep their shuffled order (OrderByDescending is stable).
            var sorted = mega.OrderByDescending(i => _sequences[i].Length).ToArray();
            batches.AddRange(sorted.Chunk(batchSize));
        }
        if (_options.DropLast && batches[^1].Length < batchSize)
        {
            batches.RemoveAt(batches.Count - 1);
        }
        if (_options.Shuffle)
        {
            random.Shuffle(batches);
        }
        return [.. batches];
    }

    private Batch Collate(IReadOnlyList<int> members)
    {
        var rows = members.Count;
        var length = members.Max(i => _sequences[i].Length);
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var labels = new long[rows * length];
        Array.Fill(ids, _options.PadTokenId);
        Array.Fill(labels, TokenizedExample.IgnoreIndex);
        var realTokens = 0;
        var labelTokens = 0;
        for (var row = 0; row < rows; row++)
        {
            var example = _sequences[members[row]];
            var offset = row * length;
            for (var t = 0; t < example.Length; t++)
            {
                ids[offset + t] = example.InputIds[t];
                mask[offset + t] = 1;
                labels[offset + t] = example.Labels[t];
                if (t > 0 && example.Labels[t] != TokenizedExample.IgnoreIndex)
                {
                    labelTokens++;
                }
            }
            realTokens += example.Length;
        }
        long[] shape = [rows, length];
        return new Batch(tensor(ids, shape), tensor(mask, shape), tensor(labels, shape), realTokens, labelTokens);
    }
}
