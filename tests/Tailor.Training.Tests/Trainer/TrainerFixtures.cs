using Tailor.Training.Data;
using Tailor.Training.Trainer;

namespace Tailor.Training.Tests.Trainer;

/// <summary>The trainer tests seed torch's global generator, which tests running beside them would disturb.</summary>
[CollectionDefinition("global torch seed", DisableParallelization = true)]
public sealed class GlobalSeedTests;

internal static class TrainerFixtures
{
    /// <summary>
    /// A tiny prompt → completion set over the tiny vocabulary: each prompt of 4 tokens maps to a fixed
    /// completion of 4 tokens, so memorising it drives the completion loss towards zero.
    /// </summary>
    public static List<TokenizedExample> MemorisationSet(int count = 8, int seed = 3)
    {
        var random = new Random(seed);
        var examples = new List<TokenizedExample>();
        for (int i = 0; i < count; i++)
        {
            int[] prompt = [1, .. Enumerable.Range(0, 3).Select(_ => random.Next(4, 96))];
            int[] completion = [.. Enumerable.Range(0, 3).Select(_ => random.Next(4, 96)), 2];
            examples.Add(new TokenizedExample(
                [.. prompt, .. completion],
                [.. prompt.Select(_ => TokenizedExample.IgnoreIndex), .. completion]));
        }
        return examples;
    }

    public static Batcher Batches(IReadOnlyList<TokenizedExample> examples, int batchSize, bool shuffle = true) =>
        new(examples, new BatcherOptions { BatchSize = batchSize, PadTokenId = 0, Seed = 5, Shuffle = shuffle });

    public static TrainingArguments Args => new()
    {
        Seed = 7,
        PerDeviceTrainBatchSize = 4,
        PerDeviceEvalBatchSize = 8,
        LearningRate = 3e-3,
        LrSchedulerType = "constant",
        LoggingSteps = 5,
        EvalSteps = 0,
        SaveSteps = 0,
        MaxGradNorm = 1.0,
    };
}
