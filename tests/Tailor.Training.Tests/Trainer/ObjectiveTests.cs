using Tailor.Engine.Models;
using Tailor.Training.Data;
using Tailor.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Tests.Trainer;

/// <summary>
/// The encoder objectives: masked-LM masking and loss, sequence classification's labels and loss, and both trained
/// through <see cref="SftTrainer"/> on tiny DistilBERTs (dim 32, 2 layers). Models are built after
/// <c>torch.manual_seed</c>, hence the serial collection.
/// </summary>
[Collection("global torch seed")]
public class ObjectiveTests
{
    // Vocabulary layout of WordPieceTrainer: the five specials first.
    const int Pad = 0, Unk = 1, Cls = 2, Sep = 3, Mask = 4, FirstOrdinary = 5, Vocab = 40;
    static readonly int[] Specials = [Pad, Unk, Cls, Sep, Mask];

    static DistilBertConfig Tiny(string architecture) => new()
    {
        Architecture = architecture,
        VocabSize = Vocab,
        Dim = 32,
        HiddenDim = 64,
        NLayers = 2,
        NHeads = 4,
        MaxPositionEmbeddings = 64,
        Labels = ["negative", "positive"],
    };

    static DistilBertForMaskedLM MaskedLm(long seed)
    {
        torch.manual_seed(seed);
        return new DistilBertForMaskedLM(Tiny(DistilBertConfig.MaskedLM));
    }

    static DistilBertForSequenceClassification Classifier(long seed)
    {
        torch.manual_seed(seed);
        return new DistilBertForSequenceClassification(Tiny(DistilBertConfig.SequenceClassification));
    }

    /// <summary>[CLS] ordinary tokens [SEP] of varied lengths, so batches carry padding.</summary>
    static List<TokenizedExample> Sentences(int count, int minLength, int maxLength, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            int[] ids = [Cls, .. Enumerable.Range(0, random.Next(minLength, maxLength + 1)).Select(_ => random.Next(FirstOrdinary, Vocab)), Sep];
            return new TokenizedExample(ids, [.. ids.Select(_ => TokenizedExample.IgnoreIndex)]);
        })];
    }

    static Batch OneBatch(IReadOnlyList<TokenizedExample> examples) =>
        new Batcher(examples, new BatcherOptions { BatchSize = examples.Count, PadTokenId = Pad, Shuffle = false }).GetBatch(0, 0);

    static long[] Flat(Tensor t) => t.data<long>().ToArray();

    [Fact]
    public void MaskedLmChoosesFifteenPercentOfOrdinaryTokensSplit80_10_10()
    {
        using var model = MaskedLm(1);
        var objective = new MaskedLmObjective(model, Mask, Specials);
        using var original = OneBatch(Sentences(160, 60, 120, seed: 1));
        var ids = Flat(original.InputIds);
        var realMask = Flat(original.AttentionMask);
        torch.manual_seed(3);
        using var prepared = objective.Prepare(original.To(CPU));
        var inputs = Flat(prepared.InputIds);
        var labels = Flat(prepared.Labels);

        int ordinary = 0, chosen = 0, masked = 0, replaced = 0, kept = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            bool isOrdinary = realMask[i] == 1 && ids[i] >= FirstOrdinary;
            if (isOrdinary) ordinary++;
            if (labels[i] == TokenizedExample.IgnoreIndex)
            {
                Assert.Equal(ids[i], inputs[i]);  // not a target: untouched
                continue;
            }
            Assert.True(isOrdinary, $"position {i} (id {ids[i]}, mask {realMask[i]}) is special or padding but was chosen");
            Assert.Equal(ids[i], labels[i]);      // the target is the original token
            chosen++;
            if (inputs[i] == Mask) masked++;
            else if (inputs[i] == ids[i]) kept++;
            else
            {
                replaced++;
                Assert.InRange(inputs[i], FirstOrdinary, Vocab - 1);  // random replacements are ordinary tokens
            }
        }
        Assert.Equal(chosen, prepared.LabelTokens);
        Assert.Equal(original.RealTokens, prepared.RealTokens);
        Assert.True(Flat(prepared.AttentionMask).SequenceEqual(realMask));
        // ~14,000 ordinary tokens: the shares are within a few standard errors of 15% and 80/10/10.
        // (A random replacement equal to the original, 1 in 35, counts as kept.)
        Assert.InRange((double)chosen / ordinary, 0.14, 0.16);
        Assert.InRange((double)masked / chosen, 0.77, 0.83);
        Assert.InRange((double)replaced / chosen, 0.075, 0.12);
        Assert.InRange((double)kept / chosen, 0.08, 0.125);
    }

    [Fact]
    public void MaskedLmMaskingFollowsTorchsSeed()
    {
        using var model = MaskedLm(1);
        var objective = new MaskedLmObjective(model, Mask, Specials);
        var examples = Sentences(16, 10, 30, seed: 2);
        (long[] Inputs, long[] Labels) Masked(long seed)
        {
            using var batch = OneBatch(examples);
            torch.manual_seed(seed);
            using var prepared = objective.Prepare(batch.To(CPU));
            return (Flat(prepared.InputIds), Flat(prepared.Labels));
        }
        var first = Masked(10);
        var again = Masked(10);
        var other = Masked(11);
        Assert.Equal(first.Inputs, again.Inputs);
        Assert.Equal(first.Labels, again.Labels);
        Assert.NotEqual(first.Labels, other.Labels);
    }

    [Fact]
    public void MaskedLmLossIsCrossEntropyOverTheChosenPositionsOnly()
    {
        using var model = MaskedLm(2);
        model.eval();
        var objective = new MaskedLmObjective(model, Mask, Specials);
        using var batch = OneBatch(Sentences(6, 5, 20, seed: 4));
        torch.manual_seed(1);
        using var prepared = objective.Prepare(batch.To(CPU));
        using var scope = NewDisposeScope();

        var (lossSum, targets, correct) = objective.Loss(prepared);
        Assert.Equal(prepared.LabelTokens, targets);
        Assert.InRange(correct, 0, targets);
        // The same sum from the full [batch, seq, vocab] output, with every unchosen position ignored.
        var logits = model.forward(prepared.InputIds, prepared.AttentionMask);
        var reference = nn.functional.cross_entropy(logits.view(-1, Vocab), prepared.Labels.view(-1),
            ignore_index: TokenizedExample.IgnoreIndex, reduction: nn.Reduction.Sum);
        Assert.True(Math.Abs(lossSum.item<float>() - reference.item<float>()) < 1e-3, $"{lossSum.item<float>()} vs {reference.item<float>()}");

        // No targets (nothing chosen): zero loss, no targets, and no NaN.
        var none = prepared with { Labels = full_like(prepared.Labels, TokenizedExample.IgnoreIndex), LabelTokens = 0 };
        var empty = objective.Loss(none);
        Assert.Equal((0f, 0L, 0L), (empty.LossSum.item<float>(), empty.Targets, empty.Correct));
    }

    [Fact]
    public void ClassificationExamplesCarryTheirClassAtPositionZero()
    {
        var example = SequenceClassificationObjective.Example([Cls, 7, 8, 9, Sep], 1);
        Assert.Equal([1, -100, -100, -100, -100], example.Labels);
        Assert.Equal([Cls, 7, 8, 9, Sep], example.InputIds);

        using var model = Classifier(1);
        model.eval();
        var objective = new SequenceClassificationObjective(model);
        using var batch = OneBatch([example, SequenceClassificationObjective.Example([Cls, 20, Sep], 0)]);
        Assert.Equal(0, batch.LabelTokens);  // the batcher never counts column 0 ...
        using var prepared = objective.Prepare(batch.To(CPU));
        Assert.Equal(2, prepared.LabelTokens);  // ... the objective counts rows
        using var scope = NewDisposeScope();
        var (lossSum, targets, correct) = objective.Loss(prepared);
        Assert.Equal(2, targets);
        var reference = nn.functional.cross_entropy(model.forward(prepared.InputIds, prepared.AttentionMask), tensor(new long[] { 1, 0 }),
            reduction: nn.Reduction.Sum);
        Assert.True(Math.Abs(lossSum.item<float>() - reference.item<float>()) < 1e-5);
        Assert.InRange(correct, 0, 2);
    }

    /// <summary>Class 0 sentences use tokens 5..21, class 1 sentences tokens 22..39: separable by any token.</summary>
    static List<TokenizedExample> SeparableSet(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            int label = i % 2;
            var tokens = Enumerable.Range(0, random.Next(3, 12)).Select(_ => label == 0 ? random.Next(5, 22) : random.Next(22, Vocab));
            return SequenceClassificationObjective.Example([Cls, .. tokens, Sep], label);
        })];
    }

    static Batcher Batches(IReadOnlyList<TokenizedExample> examples, int batchSize, bool shuffle = true) =>
        new(examples, new BatcherOptions { BatchSize = batchSize, PadTokenId = Pad, Seed = 5, Shuffle = shuffle });

    [Fact]
    public void ATinyClassifierLearnsASeparableSetThroughTheTrainer()
    {
        using var dir = new TempDirectory();
        using var model = Classifier(3);
        var args = TrainerFixtures.Args with { MaxSteps = 40, LearningRate = 2e-3, PerDeviceTrainBatchSize = 8 };
        var eval = Batches(SeparableSet(32, seed: 9), 16, shuffle: false);
        var trainer = new SftTrainer(model, new SequenceClassificationObjective(model), args, Batches(SeparableSet(48, seed: 8), 8), eval, dir.Path);

        var (lossBefore, _) = trainer.Evaluate(eval);
        var result = trainer.Train();
        var (lossAfter, accuracyAfter) = trainer.Evaluate(eval);
        Assert.Equal(40, result.Steps);
        Assert.InRange(lossBefore, 0.5, 1.0);  // ~ln 2 for a fresh head
        Assert.True(lossAfter < 0.1, $"loss {lossBefore:F3} -> {lossAfter:F3}");
        Assert.Equal(1.0, accuracyAfter);
    }

    [Fact]
    public void ResumedClassifierTrainingEqualsUninterruptedTraining()
    {
        var data = SeparableSet(24, seed: 1);
        var args = TrainerFixtures.Args with
        {
            MaxSteps = 12, SaveSteps = 4, GradientAccumulationSteps = 2, PerDeviceTrainBatchSize = 2, LrSchedulerType = "cosine", WarmupSteps = 2,
        };
        static Dictionary<string, Tensor> Weights(nn.Module m) =>
            m.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        using var straightDir = new TempDirectory();
        using var straight = Classifier(4);
        new SftTrainer(straight, new SequenceClassificationObjective(straight), args, Batches(data, 2), null, straightDir.Path).Train();

        using var killedDir = new TempDirectory();
        using (var killed = Classifier(4))
        {
            using var cancel = new CancellationTokenSource();
            var trainer = new SftTrainer(killed, new SequenceClassificationObjective(killed), args, Batches(data, 2), null, killedDir.Path)
            {
                OnStep = p => { if (p.Step == 7) cancel.Cancel(); },
            };
            Assert.Throws<OperationCanceledException>(() => trainer.Train(cancel: cancel.Token));
        }
        // A different start than the checkpoint's: everything trainable must come from the checkpoint.
        using var resumed = Classifier(99);
        var result = new SftTrainer(resumed, new SequenceClassificationObjective(resumed), args, Batches(data, 2), null, killedDir.Path).Train(resume: true);
        Assert.Equal(12, result.Steps);

        var expected = Weights(straight);
        foreach (var (name, value) in Weights(resumed))
            Assert.True(value.eq(expected[name]).all().item<bool>(), $"{name} differs after resume");
        static string DropSpeed(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\"tokens_per_second\":[^,}]*", "");
        Assert.Equal(File.ReadAllLines(Path.Combine(straightDir.Path, "metrics.jsonl")).Select(DropSpeed),
                     File.ReadAllLines(Path.Combine(killedDir.Path, "metrics.jsonl")).Select(DropSpeed));
    }

    [Fact]
    public void MaskedLmLossGoesDownOnARepetitiveCorpus()
    {
        using var dir = new TempDirectory();
        using var model = MaskedLm(5);
        // Four fixed sentences, repeated: every masked token is predictable from its neighbours.
        int[][] sentences = [[5, 6, 7, 8, 9, 10, 11, 12], [20, 21, 22, 23, 24, 25], [30, 31, 32, 33, 34, 35, 36, 37, 38, 39], [13, 14, 15, 16, 17]];
        var examples = Enumerable.Range(0, 32).Select(i =>
        {
            int[] ids = [Cls, .. sentences[i % 4], Sep];
            return new TokenizedExample(ids, [.. ids.Select(_ => TokenizedExample.IgnoreIndex)]);
        }).ToList();
        var objective = new MaskedLmObjective(model, Mask, Specials);
        var args = TrainerFixtures.Args with { MaxSteps = 40, LearningRate = 1e-2, PerDeviceTrainBatchSize = 8 };
        var eval = Batches(examples, 32, shuffle: false);
        var trainer = new SftTrainer(model, objective, args, Batches(examples, 8), null, dir.Path);

        var (before, _) = trainer.Evaluate(eval);
        trainer.Train();
        var (after, accuracy) = trainer.Evaluate(eval);
        Assert.True(before > 3.0, $"initial loss {before:F3} should be near ln {Vocab}");
        // Measured: 3.65 -> 1.47, accuracy 31% (chance is 1 in 35); dropout and 40 steps keep it from memorising fully.
        Assert.True(after < before / 2, $"loss {before:F3} -> {after:F3}");
        Assert.True(accuracy > 0.2, $"accuracy {accuracy:P0}");
    }
}
