using Tailor.Engine.Generation;
using Tailor.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Generation;

public class TokenGeneratorTests
{
    static readonly LlamaConfig Config = TinyModels.Llama();

    /// <summary>Greedy decoding the slow way: a full forward over the whole sequence at every step, no cache.</summary>
    static List<int> NaiveGreedy(LlamaForCausalLM model, IReadOnlyList<int> prompt, int steps)
    {
        using var scope = NewDisposeScope();
        var seq = prompt.ToList();
        for (int i = 0; i < steps; i++)
        {
            var logits = model.forward(tensor(seq.Select(t => (long)t).ToArray(), 1, seq.Count), null);
            seq.Add((int)logits[0, -1].argmax().item<long>());
        }
        return seq.Skip(prompt.Count).ToList();
    }

    /// <summary>Log-probability of <paramref name="continuation"/> after <paramref name="prompt"/>, by one full forward.</summary>
    static double LogProb(LlamaForCausalLM model, IReadOnlyList<int> prompt, IReadOnlyList<int> continuation)
    {
        using var scope = NewDisposeScope();
        var seq = prompt.Concat(continuation).Select(t => (long)t).ToArray();
        var logProbs = model.forward(tensor(seq, 1, seq.Length), null)[0].to(ScalarType.Float64).log_softmax(-1);
        double sum = 0;
        for (int i = 0; i < continuation.Count; i++) sum += logProbs[prompt.Count - 1 + i, continuation[i]].item<double>();
        return sum;
    }

    [Fact]
    public void GreedyWithCacheEqualsNaiveFullForwardDecoding()
    {
        using var model = TinyModels.Build(Config);
        int[] prompt = [5, 17, 23, 42];
        var result = new TokenGenerator(model).Generate([prompt], new GenerationConfig { MaxNewTokens = 12 });
        Assert.Equal(NaiveGreedy(model, prompt, 12), result.Single().Tokens);
        Assert.Equal(FinishReason.Length, result.Single().FinishReason);
        Assert.Equal(LogProb(model, prompt, result.Single().Tokens), result.Single().Score, 4);
    }

    [Fact]
    public void BatchedGenerationOfUnequalPromptsEqualsOneByOne()
    {
        using var model = TinyModels.Build(Config);
        int[][] prompts = [[5], [9, 8, 7, 6, 5, 4], [11, 12, 13]];
        var config = new GenerationConfig { MaxNewTokens = 8 };
        var batched = new TokenGenerator(model).Generate(prompts, config);
        for (int i = 0; i < prompts.Length; i++)
        {
            var alone = new TokenGenerator(model).Generate([prompts[i]], config).Single();
            Assert.Equal(i, batched[i].PromptIndex);
            Assert.Equal(alone.Tokens, batched[i].Tokens);
        }
    }

    [Fact]
    public void SamplingIsReproducibleForASeedAndVariesAcrossSeeds()
    {
        using var model = TinyModels.Build(Config);
        int[] prompt = [1, 2, 3];
        List<int> Sample(long seed) => new TokenGenerator(model)
            .Generate([prompt], new GenerationConfig { MaxNewTokens = 16, Temperature = 1.5, Seed = seed }).Single().Tokens.ToList();
        Assert.Equal(Sample(7), Sample(7));
        var distinct = Enumerable.Range(0, 5).Select(s => string.Join(",", Sample(s))).Distinct().Count();
        Assert.True(distinct > 1, "five seeds gave the same sample");
    }

    [Fact]
    public void SamplesOfOnePromptShareItsPrefillAndMatchCopiesOfThePrompt()
    {
        // NumReturnSequences reads the prompt once and copies its cache to every sample's row; that must decode
        // exactly as giving the prompt once per row (which prefills every copy), the same seed drawing the same tokens.
        using var model = TinyModels.Build(Config);
        int[] prompt = [5, 17, 23, 42, 7];
        var config = new GenerationConfig { MaxNewTokens = 12, Temperature = 1.3, Seed = 11 };
        var shared = new TokenGenerator(model).Generate([prompt], config with { NumReturnSequences = 4 });
        var copies = new TokenGenerator(model).Generate([prompt, prompt, prompt, prompt], config);
        Assert.Equal(4, shared.Count);
        Assert.Equal(copies.Select(s => s.Tokens.ToList()), shared.Select(s => s.Tokens.ToList()));
        Assert.True(shared.Select(s => string.Join(',', s.Tokens)).Distinct().Count() > 1, "four samples at temperature 1.3 should not all agree");
        for (int i = 0; i < shared.Count; i++) Assert.Equal(copies[i].Score, shared[i].Score, 4);
    }

    [Fact]
    public void RepeatedPromptsInABatchDecodeAsEachAlone()
    {
        // Rows with the same prompt share one prefill; rows with other prompts (of other lengths) keep their own.
        using var model = TinyModels.Build(Config);
        int[] first = [5, 17, 23, 42, 7];
        int[] second = [9, 3];
        var greedy = new GenerationConfig { MaxNewTokens = 10 };
        var batch = new TokenGenerator(model).Generate([first, second, first], greedy);
        Assert.Equal(NaiveGreedy(model, first, 10), batch[0].Tokens);
        Assert.Equal(NaiveGreedy(model, second, 10), batch[1].Tokens);
        Assert.Equal(NaiveGreedy(model, first, 10), batch[2].Tokens);
        Assert.Equal([0, 1, 2], batch.Select(s => s.PromptIndex));
    }

    [Fact]
    public void TopKOfOneSamplesTheGreedyPath()
    {
        using var model = TinyModels.Build(Config);
        int[] prompt = [4, 4, 2];
        var greedy = new TokenGenerator(model).Generate([prompt], new GenerationConfig { MaxNewTokens = 10 }).Single();
        var sampled = new TokenGenerator(model).Generate([prompt], new GenerationConfig { MaxNewTokens = 10, Temperature = 2.0, TopK = 1, Seed = 3 }).Single();
        Assert.Equal(greedy.Tokens, sampled.Tokens);
    }

    [Fact]
    public void StopTokenEndsTheSequenceAndIsNotReturned()
    {
        using var model = TinyModels.Build(Config);
        int[] prompt = [5, 17, 23, 42];
        var free = NaiveGreedy(model, prompt, 6);
        var stopAt = free[2];
        var firstIndex = free.IndexOf(stopAt);
        var result = new TokenGenerator(model).Generate([prompt], new GenerationConfig { MaxNewTokens = 6, StopTokenIds = new HashSet<int> { stopAt } }).Single();
        Assert.Equal(FinishReason.StopToken, result.FinishReason);
        Assert.Equal(free.Take(firstIndex), result.Tokens);
    }

    [Fact]
    public void StopStringEndsTheSequence()
    {
        using var model = TinyModels.Build(Config);
        int[] prompt = [5, 17, 23, 42];
        var free = NaiveGreedy(model, prompt, 6);
        static string Decode(IReadOnlyList<int> ids) => string.Concat(ids.Select(i => $"<{i}>"));
        var result = new TokenGenerator(model).Generate([prompt],
            new GenerationConfig { MaxNewTokens = 6, StopStrings = [$"<{free[1]}>"] }, Decode).Single();
        Assert.Equal(FinishReason.StopString, result.FinishReason);
        Assert.Equal(free.Take(result.Tokens.Count), result.Tokens);
        Assert.True(result.Tokens.Count <= 2);
    }

    sealed class OnlyEvenTokens : ILogitsProcessor
    {
        public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
        {
            var odd = arange(logits.shape[1]).remainder(2).eq(1);
            return logits.masked_fill_(odd, float.NegativeInfinity);
        }
    }

    [Fact]
    public void LogitsProcessorHookConstrainsEveryDecodingMode()
    {
        using var model = TinyModels.Build(Config);
        var hook = new OnlyEvenTokens();
        foreach (var config in new[]
        {
            new GenerationConfig { MaxNewTokens = 12, LogitsProcessors = [hook] },
            new GenerationConfig { MaxNewTokens = 12, Temperature = 3, Seed = 1, LogitsProcessors = [hook] },
            new GenerationConfig { MaxNewTokens = 12, NumBeams = 3, NumReturnSequences = 3, LogitsProcessors = [hook] },
        })
        {
            var results = new TokenGenerator(model).Generate([[1, 3, 5]], config);
            Assert.All(results.SelectMany(r => r.Tokens), t => Assert.Equal(0, t % 2));
        }
    }

    [Fact]
    public void BeamSearchWithAsManyBeamsAsTokensFindsTheExactBestPair()
    {
        var config = Config with { VocabSize = 12 };
        using var model = TinyModels.Build(config, seed: 5);
        int[] prompt = [3, 7];
        var best = (Tokens: new List<int>(), LogProb: double.NegativeInfinity);
        for (int a = 0; a < 12; a++)
            for (int b = 0; b < 12; b++)
            {
                var lp = LogProb(model, prompt, [a, b]);
                if (lp > best.LogProb) best = ([a, b], lp);
            }
        var beam = new TokenGenerator(model).Generate([prompt],
            new GenerationConfig { MaxNewTokens = 2, NumBeams = 12, LengthPenalty = 0 }).First();
        Assert.Equal(best.Tokens, beam.Tokens);
        Assert.Equal(best.LogProb, beam.Score, 4);
    }

    [Fact]
    public void BeamSearchReturnsDistinctSequencesBestFirstWithTrueScores()
    {
        using var model = TinyModels.Build(Config);
        int[][] prompts = [[3, 7], [9, 9, 9, 1]];
        var results = new TokenGenerator(model).Generate(prompts,
            new GenerationConfig { MaxNewTokens = 5, NumBeams = 4, NumReturnSequences = 4, LengthPenalty = 1.0 });
        Assert.Equal(8, results.Count);
        foreach (var group in results.GroupBy(r => r.PromptIndex))
        {
            var list = group.ToList();
            Assert.Equal(4, list.Select(r => string.Join(",", r.Tokens)).Distinct().Count());
            Assert.Equal(list.OrderByDescending(r => r.Score).Select(r => r.Score), list.Select(r => r.Score));
            foreach (var r in list)
                Assert.Equal(LogProb(model, prompts[group.Key], r.Tokens) / r.Tokens.Count, r.Score, 4);
        }
    }

    [Fact]
    public void EmptyPromptIsAClearError()
    {
        using var model = TinyModels.Build(Config);
        var e = Assert.Throws<EngineException>(() => new TokenGenerator(model).Generate([[]], new GenerationConfig()));
        Assert.Contains("empty", e.Message);
    }
}
