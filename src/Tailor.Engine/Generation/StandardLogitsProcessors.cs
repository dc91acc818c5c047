using static TorchSharp.torch;

namespace Tailor.Engine.Generation;

// The standard processors, applied in HF's order: repetition penalty, user hooks, then (sampling only)
// temperature, top-k, top-p.

/// <summary>
/// CTRL's repetition penalty (as HF applies it): a token already in the prompt or output has a positive
/// score divided by the penalty and a negative score multiplied by it.
/// </summary>
public sealed class RepetitionPenaltyProcessor(double penalty) : ILogitsProcessor
{
    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        using var _ = no_grad();
        for (int row = 0; row < generated.Count; row++)
        {
            var seen = prompts[row].Concat(generated[row]).Distinct().Select(i => (long)i).ToArray();
            if (seen.Length == 0) continue;
            using var scope = NewDisposeScope();
            var index = tensor(seen, device: logits.device);
            var rowLogits = logits[row];
            var picked = rowLogits.index_select(0, index);
            var penalised = where(picked > 0, picked / penalty, picked * penalty);
            rowLogits.index_copy_(0, index, penalised);
        }
        return logits;
    }
}

public sealed class TemperatureProcessor(double temperature) : ILogitsProcessor
{
    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits) =>
        logits.div_(temperature);
}

/// <summary>Keeps the k best scores per row (ties with the k-th score survive too).</summary>
public sealed class TopKProcessor(int k) : ILogitsProcessor
{
    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        using var scope = NewDisposeScope();
        int keep = (int)Math.Min(k, logits.shape[^1]);
        var kth = logits.topk(keep, -1).values.narrow(-1, keep - 1, 1);
        return logits.masked_fill_(logits < kth, float.NegativeInfinity);
    }
}

/// <summary>Nucleus filter: keeps the most likely tokens until their probability mass reaches p (at least one).</summary>
public sealed class TopPProcessor(double p) : ILogitsProcessor
{
    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        using var scope = NewDisposeScope();
        var (sorted, order) = logits.sort(-1, descending: true);
        var cumulative = sorted.softmax(-1).cumsum(-1);
        // Drop a token when the mass before it already reaches p; the first token always stays.
        var dropSorted = (cumulative - sorted.softmax(-1)) >= p;
        var drop = zeros_like(dropSorted).scatter_(-1, order, dropSorted);
        return logits.masked_fill_(drop, float.NegativeInfinity);
    }
}
