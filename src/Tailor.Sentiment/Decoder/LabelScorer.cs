using Tailor.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// Classifies with a causal LM by asking which label word it finds likelier after a prompt: the log-probability of
/// each label's tokens given the context, summed over the tokens (<see cref="Sequence"/>) or of the first token only
/// (<see cref="FirstToken"/>). The label with the larger log-probability is the prediction; the difference
/// (positive − negative) is a log-odds margin, as the other sentiment models report.
/// </summary>
/// <remarks>
/// Only the positions that predict a label token are projected to the vocabulary (the model's hidden states are
/// gathered first), so a long few-shot context costs its transformer layers and not a [T, vocab] logit table. When
/// every label is one token (or only first tokens count) one forward pass of the context scores all labels; otherwise
/// each label is appended to the context and run on its own. Sequences run longest first in batches of neighbours, right-padded.
/// </remarks>
public static class LabelScorer
{
    public const string FirstToken = "first_token";
    public const string Sequence = "sequence";
    public static IReadOnlyList<string> Modes { get; } = [FirstToken, Sequence];

    /// <summary>log P(label | context) for every context (rows) and label (columns), in float32.</summary>
    public static float[][] LogProbabilities(LlamaForCausalLM model, IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> labels,
        string mode = Sequence, int batchSize = 16, int padId = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(labels);
        if (!Modes.Contains(mode)) throw new ArgumentException($"scoring mode '{mode}' is not one of {string.Join(", ", Modes)}", nameof(mode));
        if (labels.Any(l => l.Length == 0)) throw new ArgumentException("a label has no tokens", nameof(labels));
        if (contexts.Any(c => c.Length == 0)) throw new ArgumentException("a context has no tokens (a label needs a position that predicts it)", nameof(contexts));
        var scored = mode == FirstToken ? labels.Select(l => l[..1]).ToArray() : labels.ToArray();
        var result = contexts.Select(_ => new float[scored.Length]).ToArray();

        // Each job is a sequence to run and, for some labels, the positions and targets to read off it.
        var jobs = new List<Job>();
        if (scored.All(l => l.Length == 1))
        {
            for (int i = 0; i < contexts.Count; i++)
                jobs.Add(new Job(i, contexts[i], [.. Enumerable.Range(0, scored.Length).Select(c => (c, contexts[i].Length - 1, scored[c][0]))]));
        }
        else
        {
            for (int i = 0; i < contexts.Count; i++)
                for (int c = 0; c < scored.Length; c++)
                {
                    var label = scored[c];
                    int[] ids = [.. contexts[i], .. label[..^1]];
                    jobs.Add(new Job(i, ids, [.. label.Select((token, j) => (c, contexts[i].Length - 1 + j, token))]));
                }
        }

        bool training = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            var device = model.Device;
            foreach (var chunk in jobs.OrderByDescending(j => j.Ids.Length).Chunk(batchSize))
            {
                using var scope = NewDisposeScope();
                int length = chunk.Max(j => j.Ids.Length);
                var ids = new long[chunk.Length * length];
                var mask = new long[chunk.Length * length];
                Array.Fill(ids, padId);
                for (int row = 0; row < chunk.Length; row++)
                    for (int t = 0; t < chunk[row].Ids.Length; t++)
                    {
                        ids[row * length + t] = chunk[row].Ids[t];
                        mask[row * length + t] = 1;
                    }
                bool padded = chunk.Any(j => j.Ids.Length < length);
                var hidden = model.Model.forward(tensor(ids, [chunk.Length, length], device: device),
                    padded ? tensor(mask, [chunk.Length, length], device: device) : null, null, null);
                var reads = chunk.SelectMany((job, row) => job.Reads.Select(r => (Row: row, job.Context, r.Label, r.Position, r.Token))).ToArray();
                var flat = hidden.reshape(-1, hidden.shape[^1]);
                var at = tensor(reads.Select(r => (long)(r.Row * length + r.Position)).ToArray(), device: device);
                var logProbs = nn.functional.log_softmax(model.Logits(flat.index_select(0, at)).to(ScalarType.Float32), -1);
                var picked = logProbs.gather(1, tensor(reads.Select(r => (long)r.Token).ToArray(), device: device).unsqueeze(1)).squeeze(1).cpu().data<float>().ToArray();
                for (int k = 0; k < reads.Length; k++) result[reads[k].Context][reads[k].Label] += picked[k];
            }
        }
        finally
        {
            model.train(training);
        }
        return result;
    }

    /// <summary>log P(positive) − log P(negative) per context, for labels given in label-id order (negative, positive).</summary>
    public static float[] Margins(LlamaForCausalLM model, IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> labels,
        string mode = Sequence, int batchSize = 16, int padId = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != 2) throw new ArgumentException("sentiment margins need exactly two labels (negative, positive)", nameof(labels));
        return [.. LogProbabilities(model, contexts, labels, mode, batchSize, padId).Select(p => p[1] - p[0])];
    }

    sealed record Job(int Context, int[] Ids, (int Label, int Position, int Token)[] Reads);
}
