using Tailor.Engine.Generation;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Generation;

public class LogitsProcessorTests
{
    static readonly IReadOnlyList<IReadOnlyList<int>> NoHistory = [Array.Empty<int>()];

    [Fact]
    public void TopPKeepsTheSmallestSetReachingTheMass()
    {
        // probabilities 0.5, 0.3, 0.15, 0.05
        var logits = tensor(new[] { MathF.Log(0.5f), MathF.Log(0.3f), MathF.Log(0.15f), MathF.Log(0.05f) }).unsqueeze(0);
        var kept = new TopPProcessor(0.75).Process(NoHistory, NoHistory, logits.clone()).isfinite()[0].data<bool>().ToArray();
        Assert.Equal(new[] { true, true, false, false }, kept);
        var keptAll = new TopPProcessor(1.0).Process(NoHistory, NoHistory, logits.clone()).isfinite()[0].data<bool>().ToArray();
        Assert.All(keptAll, Assert.True);
        var keptOne = new TopPProcessor(0.1).Process(NoHistory, NoHistory, logits.clone()).isfinite()[0].data<bool>().ToArray();
        Assert.Equal(new[] { true, false, false, false }, keptOne);
    }

    [Fact]
    public void TopKKeepsKBest()
    {
        var logits = tensor(new float[] { 1, 5, 3, 4 }).unsqueeze(0);
        var kept = new TopKProcessor(2).Process(NoHistory, NoHistory, logits).isfinite()[0].data<bool>().ToArray();
        Assert.Equal(new[] { false, true, false, true }, kept);
    }

    [Fact]
    public void RepetitionPenaltyDividesPositiveAndMultipliesNegativeScoresOfSeenTokens()
    {
        var logits = tensor(new float[] { 2, -2, 2, -2 }).unsqueeze(0);
        IReadOnlyList<IReadOnlyList<int>> prompt = [new[] { 0 }];
        IReadOnlyList<IReadOnlyList<int>> generated = [new[] { 1, 1 }];
        var result = new RepetitionPenaltyProcessor(2.0).Process(prompt, generated, logits)[0].data<float>().ToArray();
        Assert.Equal(new float[] { 1, -4, 2, -2 }, result);
    }
}
