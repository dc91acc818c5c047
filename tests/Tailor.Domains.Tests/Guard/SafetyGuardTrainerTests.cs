using Tailor.Domains.Data;
using Tailor.Domains.Guard;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Tests.Guard;

public sealed class SafetyGuardTrainerTests
{
    private static readonly GuardTrainingOptions SmallOptions = new()
    {
        Classifier = new ClassifierTrainingOptions { Hashing = new FeatureHashing { Buckets = 1 << 12 }, Epochs = 20 },
    };

    private static DomainExample Row(string id, string description, string? reason = null, string kind = ExampleKinds.Normal) => new()
    {
        Id = id,
        Group = "g:" + id,
        Description = description,
        Blocked = reason is not null,
        Reason = reason,
        Domains = reason is null ? ["example.com"] : null,
        Kind = reason is null ? kind : ExampleKinds.Unsafe,
        Source = reason is null ? ExampleSources.Real : ExampleSources.Offline,
        Lang = "en",
    };

    /// <summary>A small dataset: bakeries and shops are safe, drug and hate sites are not, rehab clinics are near-misses.</summary>
    private static string WriteDataset(TempDirectory directory)
    {
        string[] towns = ["Leeds", "York", "Bristol", "Cardiff", "Norwich", "Derby"];
        List<DomainExample> Split(string prefix, IEnumerable<string> townsHere) => townsHere.SelectMany((town, i) => new[]
        {
            Row($"{prefix}{i}a", $"A bakery selling sourdough bread in {town}."),
            Row($"{prefix}{i}b", $"A bike repair shop in {town} with fast service."),
            Row($"{prefix}{i}c", $"An online store selling cocaine and heroin to {town} students.", SafetyCategories.Drugs),
            Row($"{prefix}{i}d", $"A forum sharing racist hate memes from {town}.", SafetyCategories.Hate),
            Row($"{prefix}{i}e", $"A drug and alcohol rehab clinic in {town}.", kind: ExampleKinds.BenignNearMiss),
        }).ToList();
        var splits = new DatasetSplits(Split("t", towns), Split("v", towns.Take(3)), Split("x", towns.Take(1)));
        splits.Write(directory.Path);
        return directory.Path;
    }

    [Fact]
    public void Same_seed_gives_the_same_model_bytes_and_another_seed_does_not()
    {
        using var directory = new TempDirectory();
        var dataset = WriteDataset(directory);

        var (first, _) = SafetyGuardTrainer.Train(dataset, 7, SmallOptions);
        var (second, _) = SafetyGuardTrainer.Train(dataset, 7, SmallOptions);
        var (other, _) = SafetyGuardTrainer.Train(dataset, 8, SmallOptions);

        Assert.Equal(first.ToJson(), second.ToJson());
        Assert.NotEqual(first.ToJson(), other.ToJson());
    }

    [Fact]
    public void Separates_the_small_dataset_and_reports_validation_rates()
    {
        using var directory = new TempDirectory();
        var (model, report) = SafetyGuardTrainer.Train(WriteDataset(directory), 1, SmallOptions);

        Assert.Equal(["safe", .. SafetyCategories.All], model.Classifier.Classes);
        Assert.Equal(30, report.TrainRows);
        Assert.Equal(12, report.TrainUnsafeRows);
        Assert.Equal(6, report.TrainNearMisses);
        Assert.Equal(6, report.Validation.MustBlock);
        Assert.Equal(1.0, report.SafetyPass);
        Assert.Equal(0.0, report.NearMissFalseBlockRate);
        Assert.Equal(0.0, report.NormalFalseBlockRate);
        Assert.Equal(model.Threshold, report.Threshold);
        var guard = new SafetyGuard(model);
        Assert.Equal(SafetyCategories.Drugs, guard.Check("An online store selling c0caine and h e r o i n to students in Hull.").Category);
        Assert.False(guard.Check("A drug and alcohol rehab clinic in Leeds.").Blocked);
        Assert.Contains("| Safety Pass (must-block refused) | 6 | 6 | 100.0% |", report.ToMarkdown(), StringComparison.Ordinal);
    }
}
