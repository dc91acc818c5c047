using Tailor.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Generation;

/// <summary>
/// Autoregressive decoding over token ids: greedy, sampling and beam search on a batch of prompts,
/// with a pre-allocated KV cache. Prompts of different lengths are left-padded and keep their own
/// positions. Text (prompts, stop strings) is the caller's business; a <c>decode</c> function is
/// only needed when stop strings are used.
/// </summary>
public sealed class TokenGenerator(LlamaForCausalLM model)
{
    /// <summary>Returns, per prompt in order, <see cref="GenerationConfig.NumReturnSequences"/> sequences.</summary>
    /// <param name="onToken">Called with (row, token) as each token is chosen (greedy and sampling only), for streaming.</param>
    public IReadOnlyList<GeneratedSequence> Generate(
        IReadOnlyList<IReadOnlyList<int>> prompts,
        GenerationConfig config,
        Func<IReadOnlyList<int>, string>? decode = null,
        Action<int, int>? onToken = null)
    {
        config.Validate();
        if (prompts.Count == 0) return [];
        for (int i = 0; i < prompts.Count; i++)
            if (prompts[i].Count == 0) throw new EngineException($"prompt {i} is empty: give at least one token (e.g. BOS)");
        if (config.StopStrings.Count > 0 && decode is null)
            throw new EngineException("stop strings need a decode function to read the generated text");

        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var stop = new StopCriteria(config, decode);
        return config.NumBeams > 1
            ? new BeamSearch(model, config, stop).Run(prompts)
            : RunGreedyOrSampling(prompts, config, stop, onToken);
    }

    IReadOnlyList<GeneratedSequence> RunGreedyOrSampling(
        IReadOnlyList<IReadOnlyList<int>> prompts, GenerationConfig config, StopCriteria stop, Action<int, int>? onToken)
    {
        // Several samples of one prompt are simply several rows.
        int copies = config.IsSampling ? config.NumReturnSequences : 1;
        var rowPrompts = prompts.SelectMany(p => Enumerable.Repeat(p, copies)).ToList();
        int rows = rowPrompts.Count;
        var processors = Processors(config);
        var generator = config.IsSampling ? new Generator((ulong)config.Seed, model.Device) : null;

        var generated = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToList();
        var finish = new FinishReason?[rows];
        var score = new double[rows];

        // Identical prompts (samples of one prompt, or a caller's repeated rows) are read once and their cache copied to
        // every row that shares them: the prompt is most of the work when many short continuations are drawn from it.
        var (distinct, rowOfDistinct) = Deduplicate(rowPrompts);
        using var cache = new KvCache(model.Config, distinct.Count, distinct.Max(p => p.Count) + config.MaxNewTokens, model.DType, model.Device);
        var logits = Prefill(model, distinct, cache);
        if (distinct.Count < rows)
        {
            var index = tensor(rowOfDistinct, ScalarType.Int64).to(model.Device);
            cache.SelectRows(index);
            var expanded = logits.index_select(0, index);
            logits.Dispose();
            logits = expanded;
        }
        for (int step = 0; step < config.MaxNewTokens; step++)
        {
            using var stepScope = NewDisposeScope();
            var scores = ApplyProcessors(processors, rowPrompts, generated, logits);
            var logProbs = scores.log_softmax(-1);
            var chosen = generator is null
                ? scores.argmax(-1)
                : scores.softmax(-1).multinomial(1, false, generator).squeeze(-1);
            var chosenIds = chosen.data<long>().ToArray();
            var chosenLogProbs = logProbs.gather(1, chosen.unsqueeze(1)).squeeze(1).to(ScalarType.Float64).data<double>().ToArray();

            for (int row = 0; row < rows; row++)
            {
                if (finish[row] is not null) continue;
                int token = (int)chosenIds[row];
                score[row] += chosenLogProbs[row];
                if (stop.IsStopToken(token)) { finish[row] = FinishReason.StopToken; continue; }
                generated[row].Add(token);
                onToken?.Invoke(row, token);
                if (stop.HitsStopString(generated[row])) finish[row] = FinishReason.StopString;
            }
            if (finish.All(f => f is not null)) break;

            // Finished rows keep decoding a harmless token; their results are already fixed.
            var next = tensor(chosenIds, rows, 1).to(model.Device);
            logits.Dispose();
            logits = LastLogits(model, model.Model.forward(next, null, null, cache)).MoveToOuterDisposeScope();
        }

        return [.. Enumerable.Range(0, rows).Select(row =>
            new GeneratedSequence(row / copies, generated[row], finish[row] ?? FinishReason.Length, score[row]))];
    }

    /// <summary>The distinct prompts in first-seen order, and for each row the index of its prompt among them.</summary>
    static (List<IReadOnlyList<int>> Distinct, long[] RowOfDistinct) Deduplicate(List<IReadOnlyList<int>> rowPrompts)
    {
        var distinct = new List<IReadOnlyList<int>>();
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowOfDistinct = new long[rowPrompts.Count];
        for (int row = 0; row < rowPrompts.Count; row++)
        {
            var key = string.Join(',', rowPrompts[row]);
            if (!indexOf.TryGetValue(key, out int index))
            {
                index = distinct.Count;
                indexOf[key] = index;
                distinct.Add(rowPrompts[row]);
            }
            rowOfDistinct[row] = index;
        }
        return (distinct, rowOfDistinct);
    }

    /// <summary>Runs the left-padded prompts through the model, filling the cache; returns the last position's logits.</summary>
    internal static Tensor Prefill(LlamaForCausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, KvCache cache)
    {
        using var scope = NewDisposeScope();
        int width = prompts.Max(p => p.Count);
        var ids = new long[prompts.Count * width];
        var mask = new long[prompts.Count * width];
        for (int row = 0; row < prompts.Count; row++)
        {
            int pad = width - prompts[row].Count;
            for (int i = 0; i < prompts[row].Count; i++)
            {
                ids[row * width + pad + i] = prompts[row][i];
                mask[row * width + pad + i] = 1;
            }
        }
        bool padded = mask.Any(m => m == 0);
        var hidden = model.Model.forward(
            tensor(ids, prompts.Count, width).to(model.Device),
            padded ? tensor(mask, prompts.Count, width).to(model.Device) : null, null, cache);
        return LastLogits(model, hidden).MoveToOuterDisposeScope();
    }

    /// <summary>Only the last position is projected to the vocabulary: the head is the widest matmul.</summary>
    static Tensor LastLogits(LlamaForCausalLM model, Tensor hidden) =>
        model.Logits(hidden.narrow(1, hidden.shape[1] - 1, 1)).squeeze(1).to(ScalarType.Float32);

    internal static List<ILogitsProcessor> Processors(GenerationConfig config)
    {
        var list = new List<ILogitsProcessor>();
        if (config.RepetitionPenalty != 1.0) list.Add(new RepetitionPenaltyProcessor(config.RepetitionPenalty));
        list.AddRange(config.LogitsProcessors);
        if (config.IsSampling)
        {
            if (config.Temperature != 1.0) list.Add(new TemperatureProcessor(config.Temperature));
            if (config.TopK > 0) list.Add(new TopKProcessor(config.TopK));
            if (config.TopP < 1.0) list.Add(new TopPProcessor(config.TopP));
        }
        return list;
    }

    internal static Tensor ApplyProcessors(
        List<ILogitsProcessor> processors, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        var scores = logits.clone();
        foreach (var p in processors) scores = p.Process(prompts, generated, scores);
        if (processors.Count > 0 && scores.isneginf().all(-1).any().item<bool>())
            throw new EngineException("the logits processors left no token allowed for some sequence");
        return scores;
    }
}
