using Tailor.Training.Data;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Tailor.Training.Tests.Data;

public class BatcherTests(ITestOutputHelper output)
{
    private const int Ignore = TokenizedExample.IgnoreIndex;
    private const int Pad = 0;
    private const int Eos = 1;

    /// <summary>An example of <paramref name="length"/> tokens (ids from 10 + 1000 × tag), the first <paramref name="prompt"/> masked.</summary>
    private static TokenizedExample Example(int length, int prompt, int tag)
    {
        var ids = Enumerable.Range(10 + 1000 * tag, length).ToArray();
        var labels = ids.Select((id, t) => t < prompt ? Ignore : id).ToArray();
        return new TokenizedExample(ids, labels);
    }

    private static List<TokenizedExample> RandomExamples(int count, int seed, int minLength = 5, int maxLength = 200)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => Example(random.Next(minLength, maxLength + 1), 2, i))];
    }

    private static BatcherOptions Options(int batchSize, int seed = 0) => new() { BatchSize = batchSize, PadTokenId = Pad, Seed = seed };

    [Fact]
    public void PadsOnTheRightWithMasksAndIgnoredLabels()
    {
        TokenizedExample[] examples = [Example(3, 1, 0), Example(5, 2, 1), Example(2, 1, 2)];
        var batcher = new Batcher(examples, Options(3) with { Shuffle = false });
        using var batch = batcher.GetBatch(0, 0);

        Assert.Equal(new long[] { 3, 5 }, batch.InputIds.shape);
        Assert.Equal(ScalarType.Int64, batch.InputIds.dtype);
        Assert.Equal(ScalarType.Int64, batch.AttentionMask.dtype);
        Assert.Equal(ScalarType.Int64, batch.Labels.dtype);
        Assert.Equal(new long[] { 10, 11, 12, Pad, Pad, 1010, 1011, 1012, 1013, 1014, 2010, 2011, Pad, Pad, Pad }, batch.InputIds.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0 }, batch.AttentionMask.data<long>().ToArray());
        Assert.Equal(new long[] { Ignore, 11, 12, Ignore, Ignore, Ignore, Ignore, 1012, 1013, 1014, Ignore, 2011, Ignore, Ignore, Ignore },
            batch.Labels.data<long>().ToArray());
        Assert.Equal(10, batch.RealTokens);
        Assert.Equal(6, batch.LabelTokens);
        Assert.Equal(3, batch.Size);
        Assert.Equal(5, batch.Length);
    }

    [Fact]
    public void SameSeedGivesTheSameBatchesAndEachEpochItsOwnOrder()
    {
        var examples = RandomExamples(103, seed: 1);
        var a = new Batcher(examples, Options(8, seed: 42));
        var b = new Batcher(examples, Options(8, seed: 42));
        Assert.Equal(13, a.BatchesPerEpoch);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var order = Order(a, epoch);
            Assert.Equal(order, Order(b, epoch));
            // Every epoch visits every example exactly once.
            Assert.Equal(Enumerable.Range(0, examples.Count), order.Order());
        }
        Assert.NotEqual(Order(a, 0), Order(a, 1));
        Assert.NotEqual(Order(a, 0), Order(new Batcher(examples, Options(8, seed: 43)), 0));
        Assert.NotEqual(Enumerable.Range(0, examples.Count), Order(a, 0));
    }

    [Fact]
    public void BatchIsTheSameWhetherOrNotEarlierBatchesWereRead()
    {
        var examples = RandomExamples(50, seed: 2);
        var options = Options(4, seed: 7) with { GroupByLength = true };
        var walked = new Batcher(examples, options);
        foreach (var batch in walked.GetBatches(epoch: 0))
        {
            batch.Dispose();
        }
        // An epoch asked for out of order must not disturb another's order.
        walked.GetBatch(5, 0).Dispose();
        var resumed = new Batcher(examples, options);

        using var expected = walked.GetBatch(1, 9);
        using var actual = resumed.GetBatch(1, 9);
        Assert.Equal(expected.InputIds.data<long>().ToArray(), actual.InputIds.data<long>().ToArray());
        Assert.Equal(expected.Labels.data<long>().ToArray(), actual.Labels.data<long>().ToArray());
        Assert.Equal(expected.AttentionMask.data<long>().ToArray(), actual.AttentionMask.data<long>().ToArray());
        var resumedRest = resumed.GetBatches(1, startIndex: 9).Select(b => { using (b) { return b.InputIds.data<long>().ToArray(); } }).ToList();
        Assert.Equal(expected.InputIds.data<long>().ToArray(), resumedRest[0]);
        Assert.Equal(walked.BatchesPerEpoch - 9, resumedRest.Count);
    }

    [Fact]
    public void LengthGroupingCutsPadding()
    {
        var examples = RandomExamples(1000, seed: 3);
        var random = PadFraction(new Batcher(examples, Options(8, seed: 5)), epoch: 0);
        var grouped = new Batcher(examples, Options(8, seed: 5) with { GroupByLength = true });
        var groupedPad = PadFraction(grouped, epoch: 0);

        output.WriteLine($"padding: random {random:P1}, grouped by length {groupedPad:P1}");
        Assert.True(random > 0.3, $"random batching pads {random:P1}");
        Assert.True(groupedPad < random / 4, $"grouped {groupedPad:P1} vs random {random:P1}");
        // Still a shuffled permutation, different per epoch.
        Assert.Equal(Enumerable.Range(0, examples.Count), Order(grouped, 0).Order());
        Assert.NotEqual(Order(grouped, 0), Order(grouped, 1));
    }

    [Fact]
    public void PackingFillsBlocksAndKeepsEveryLabel()
    {
        // Some examples end with EOS already; the others get a masked EOS separator.
        var examples = RandomExamples(40, seed: 4, minLength: 3, maxLength: 30);
        examples[0] = new TokenizedExample([.. examples[0].InputIds, Eos], [.. examples[0].Labels, Eos]);
        const int blockLength = 32;
        var batcher = new Batcher(examples, Options(4) with { PackingLength = blockLength, SeparatorTokenId = Eos, Shuffle = false });

        var blocks = batcher.Sequences;
        Assert.All(blocks.SkipLast(1), block => Assert.Equal(blockLength, block.Length));
        Assert.InRange(blocks[^1].Length, 1, blockLength);
        var separators = examples.Count(e => e.InputIds[^1] != Eos);
        Assert.Equal(examples.Sum(e => e.Length) + separators, blocks.Sum(b => b.Length));
        Assert.Equal(examples.Sum(e => e.LabelCount), blocks.Sum(b => b.LabelCount));
        // The stream is the examples end to end, each followed by EOS, separators masked.
        var stream = blocks.SelectMany(b => b.InputIds).ToArray();
        var expected = examples.SelectMany(e => e.InputIds[^1] == Eos ? e.InputIds : [.. e.InputIds, Eos]).ToArray();
        Assert.Equal(expected, stream);
        var labels = blocks.SelectMany(b => b.Labels).ToArray();
        Assert.Equal(examples.SelectMany(e => e.InputIds[^1] == Eos ? e.Labels : [.. e.Labels, Ignore]), labels);

        // No padding except in the batch holding the short last block.
        for (var i = 0; i < batcher.BatchesPerEpoch; i++)
        {
            using var batch = batcher.GetBatch(0, i);
            if (!batcher.BatchMembers(0, i).Contains(blocks.Count - 1))
            {
                Assert.Equal(blockLength, batch.Length);
                Assert.Equal(batch.Size * blockLength, batch.RealTokens);
            }
        }
    }

    [Fact]
    public void DropLastLeavesOutTheShortBatch()
    {
        var examples = RandomExamples(10, seed: 5);
        Assert.Equal(3, new Batcher(examples, Options(4)).BatchesPerEpoch);
        var dropping = new Batcher(examples, Options(4) with { DropLast = true });
        Assert.Equal(2, dropping.BatchesPerEpoch);
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(4, dropping.BatchMembers(0, i).Count));
        var grouped = new Batcher(examples, Options(4) with { DropLast = true, GroupByLength = true });
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(4, grouped.BatchMembers(3, i).Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => dropping.BatchMembers(0, 2));
        Assert.Throws<TrainingException>(() => new Batcher(examples, Options(11) with { DropLast = true }));
        Assert.Throws<TrainingException>(() => new Batcher([], Options(4)));
    }

    private static List<int> Order(Batcher batcher, int epoch) =>
        [.. Enumerable.Range(0, batcher.BatchesPerEpoch).SelectMany(i => batcher.BatchMembers(epoch, i))];

    private static double PadFraction(Batcher batcher, int epoch)
    {
        long real = 0, total = 0;
        foreach (var batch in batcher.GetBatches(epoch))
        {
            using (batch)
            {
                real += batch.RealTokens;
                total += batch.Size * batch.Length;
                Assert.Equal(batch.RealTokens, batch.AttentionMask.sum().item<long>());
            }
        }
        return 1 - (double)real / total;
    }
}
