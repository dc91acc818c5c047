using Tailor.Engine.Models;
using static TorchSharp.torch;

namespace Tailor.Engine.Generation;

/// <summary>
/// Beam search over a batch of prompts, as HF's <c>num_beams</c> decoding does it: each step keeps the
/// best <c>2 * beams</c> continuations of all beams of a prompt; those that end (stop token or stop
/// string) become finished hypotheses scored by log-prob sum / length^length_penalty, the others
/// become the next beams. A prompt is done once it has enough finished hypotheses and no running
/// beam can still beat the worst of them.
/// </summary>
internal sealed class BeamSearch(LlamaForCausalLM model, GenerationConfig config, StopCriteria stop)
{
    readonly int beams = config.NumBeams;

    sealed record Hypothesis(List<int> Tokens, double LogProb, FinishReason Reason, double Score);

    public IReadOnlyList<GeneratedSequence> Run(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        int promptCount = prompts.Count;
        int rows = promptCount * beams;
        var processors = TokenGenerator.Processors(config);
        var rowPrompts = prompts.SelectMany(p => Enumerable.Repeat(p, beams)).ToList();

        // Prefill each prompt once, then give each of its beams a copy of the cache.
        using var cache = new KvCache(model.Config, promptCount, prompts.Max(p => p.Count) + config.MaxNewTokens, model.DType, model.Device);
        var first = TokenGenerator.Prefill(model, prompts, cache);
        var toBeams = arange(promptCount, device: model.Device).repeat_interleave(beams);
        cache.SelectRows(toBeams);
        var logits = first.index_select(0, toBeams);

        var tokens = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToList();
        // Only the first beam of each prompt is live at the start, so the first step picks distinct tokens.
        var beamScores = Enumerable.Range(0, rows).Select(r => r % beams == 0 ? 0.0 : double.NegativeInfinity).ToArray();
        var finished = Enumerable.Range(0, promptCount).Select(_ => new List<Hypothesis>()).ToList();
        var done = new bool[promptCount];

        for (int step = 0; step < config.MaxNewTokens && !done.All(d => d); step++)
        {
            using var stepScope = NewDisposeScope();
            var logProbs = TokenGenerator.ApplyProcessors(processors, rowPrompts, tokens, logits).log_softmax(-1);
            long vocab = logProbs.shape[1];
            var total = logProbs.to(ScalarType.Float64) + tensor(beamScores, device: logProbs.device).unsqueeze(1);
            var (topScores, topIndex) = total.view(promptCount, beams * vocab).topk(2 * beams, -1);
            var candidateScores = topScores.data<double>().ToArray();
            var candidateIndex = topIndex.data<long>().ToArray();

            var nextSource = new long[rows];
            var nextToken = new long[rows];
            var nextTokens = new List<int>[rows];
            var nextScores = new double[rows];
            for (int p = 0; p < promptCount; p++)
            {
                int filled = 0;
                for (int c = 0; c < 2 * beams && filled < beams && !done[p]; c++)
                {
                    int at = p * 2 * beams + c;
                    double candidateScore = candidateScores[at];
                    int source = p * beams + (int)(candidateIndex[at] / vocab);
                    int token = (int)(candidateIndex[at] % vocab);
                    if (double.IsNegativeInfinity(candidateScore)) break;

                    var extended = new List<int>(tokens[source]) { token };
                    if (stop.IsStopToken(token))
                    {
                        // Only a continuation ranked among the best `beams` may finish the prompt.
                        if (c < beams) AddFinished(finished[p], tokens[source], candidateScore, FinishReason.StopToken, extended.Count);
                        continue;
                    }
                    if (stop.HitsStopString(extended))
                    {
                        if (c < beams) AddFinished(finished[p], extended, candidateScore, FinishReason.StopString, extended.Count);
                        continue;
                    }
                    int row = p * beams + filled++;
                    nextSource[row] = source;
                    nextToken[row] = token;
                    nextTokens[row] = extended;
                    nextScores[row] = candidateScore;
                }
                // Rows of a finished prompt (or beams without a live candidate) idle on a dead score.
                for (int row = p * beams + filled; row < (p + 1) * beams; row++)
                {
                    nextSource[row] = p * beams;
                    nextToken[row] = 0;
                    nextTokens[row] = tokens[p * beams];
                    nextScores[row] = double.NegativeInfinity;
                }
                if (!done[p]) done[p] = IsDone(finished[p], nextScores.AsSpan(p * beams, beams), step + 1);
            }

            tokens = [.. nextTokens];
            beamScores = nextScores;
            if (done.All(d => d) || step == config.MaxNewTokens - 1) break;
            cache.SelectRows(tensor(nextSource, device: model.Device));
            logits.Dispose();
            var hidden = model.Model.forward(tensor(nextToken, rows, 1).to(model.Device), null, null, cache);
            logits = model.Logits(hidden.squeeze(1)).to(ScalarType.Float32).MoveToOuterDisposeScope();
        }

        var results = new List<GeneratedSequence>();
        for (int p = 0; p < promptCount; p++)
        {
            if (!done[p])
            {
                // Out of tokens: running beams compete with the finished ones.
                for (int b = 0; b < beams; b++)
                {
                    int row = p * beams + b;
                    if (!double.IsNegativeInfinity(beamScores[row]))
                        AddFinished(finished[p], tokens[row], beamScores[row], FinishReason.Length, tokens[row].Count);
                }
            }
            results.AddRange(finished[p].OrderByDescending(h => h.Score).Take(config.NumReturnSequences)
                .Select(h => new GeneratedSequence(p, h.Tokens, h.Reason, h.Score)));
        }
        return results;
    }

    double LengthNormalised(double logProb, int length) => logProb / Math.Pow(Math.Max(length, 1), config.LengthPenalty);

    void AddFinished(List<Hypothesis> list, List<int> tokens, double logProb, FinishReason reason, int length)
    {
        list.Add(new Hypothesis([.. tokens], logProb, reason, LengthNormalised(logProb, length)));
        if (list.Count > beams)
        {
            list.Sort((a, b) => b.Score.CompareTo(a.Score));
            list.RemoveAt(list.Count - 1);
        }
    }

    /// <summary>HF's default heuristic: the best running beam, normalised at the current length, cannot beat the worst finished one.</summary>
    bool IsDone(List<Hypothesis> finished, ReadOnlySpan<double> running, int length)
    {
        if (finished.Count < beams) return false;
        double bestRunning = double.NegativeInfinity;
        foreach (var s in running) bestRunning = Math.Max(bestRunning, s);
        return LengthNormalised(bestRunning, length) <= finished.Min(h => h.Score);
    }
}
