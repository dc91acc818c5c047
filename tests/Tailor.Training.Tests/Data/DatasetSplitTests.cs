using Tailor.Training.Data;

namespace Tailor.Training.Tests.Data;

public class DatasetSplitTests
{
    private static readonly int[] Items = [.. Enumerable.Range(0, 100)];

    [Fact]
    public void SplitIsDeterministicDisjointAndOrdered()
    {
        var (train, validation) = DatasetSplit.Split(Items, 0.1, seed: 3);
        Assert.Equal(10, validation.Count);
        Assert.Equal(Items, train.Concat(validation).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(validation.Order(), validation);

        var again = DatasetSplit.Split(Items, 0.1, seed: 3);
        Assert.Equal(validation, again.Validation);
        Assert.NotEqual(validation, DatasetSplit.Split(Items, 0.1, seed: 4).Validation);
    }

    [Fact]
    public void GroupsNeverStraddleTheSplit()
    {
        string Key(int i) => $"prompt-{i % 37}";
        for (var seed = 0; seed < 20; seed++)
        {
            var (train, validation) = DatasetSplit.Split(Items, 0.2, seed, Key);
            Assert.Empty(train.Select(Key).Intersect(validation.Select(Key)));
            Assert.InRange(validation.Count, 20, 22);
            Assert.Equal(Items.Length, train.Count + validation.Count);
        }
    }

    [Fact]
    public void EdgeCases()
    {
        Assert.Empty(DatasetSplit.Split(Items, 0, seed: 1).Validation);
        // A small fraction still gives one validation example.
        Assert.Single(DatasetSplit.Split(Items, 0.001, seed: 1).Validation);
        Assert.Throws<TrainingException>(() => DatasetSplit.Split(Items, 1.0, seed: 1));
        Assert.Throws<TrainingException>(() => DatasetSplit.Split(Items, -0.1, seed: 1));
        Assert.Throws<TrainingException>(() => DatasetSplit.Split(Items, double.NaN, seed: 1));
        Assert.Throws<TrainingException>(() => DatasetSplit.Split(Items, 0.5, seed: 1, _ => "same"));
        // However large the fraction, train keeps at least one group.
        var (train, validation) = DatasetSplit.Split([1, 2], 0.99, seed: 1);
        Assert.Single(train);
        Assert.Single(validation);
    }
}
