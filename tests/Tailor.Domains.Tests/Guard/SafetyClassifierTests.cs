using Tailor.Domains.Guard;

namespace Tailor.Domains.Tests.Guard;

public sealed class SafetyClassifierTests
{
    private static readonly ClassifierTrainingOptions SmallOptions = new() { Hashing = new FeatureHashing { Buckets = 1 << 12 }, Epochs = 30 };

    private static List<LabeledText> FruitsAndTools()
    {
        string[] fruits = ["apple", "banana", "cherry", "mango", "peach", "plum", "pear", "grape"];
        string[] tools = ["hammer", "wrench", "screwdriver", "chisel", "pliers", "saw", "drill", "spanner"];
        string[] frames = ["a shop selling {0}", "we love {0} a lot", "fresh {0} every day", "the best {0} in town"];
        return frames.SelectMany(frame => fruits.Take(6).Select(w => new LabeledText(string.Format(null, frame, w), "safe"))
                .Concat(tools.Take(6).Select(w => new LabeledText(string.Format(null, frame, w), "tools"))))
            .ToList();
    }

    [Fact]
    public void Learns_a_tiny_task_and_generalizes_to_unseen_sentences()
    {
        var classifier = SafetyClassifier.Train(FruitsAndTools(), SmallOptions, seed: 3);

        Assert.Equal(["safe", "tools"], classifier.Classes);
        Assert.True(classifier.Probabilities("my favourite is hammer")[1] > 0.8);
        Assert.True(classifier.Probabilities("my favourite is banana")[0] > 0.8);
        // Disguised words share the plain words' features.
        Assert.True(classifier.Probabilities("my favourite is h 4 m m e r")[1] > 0.8);
        var probabilities = classifier.Probabilities("anything at all");
        Assert.Equal(1.0, probabilities.Sum(), 6);
    }

    [Fact]
    public void Training_is_deterministic_given_the_seed()
    {
        var examples = FruitsAndTools();
        var first = SafetyClassifier.Train(examples, SmallOptions, seed: 5);
        var second = SafetyClassifier.Train(examples, SmallOptions, seed: 5);
        var other = SafetyClassifier.Train(examples, SmallOptions, seed: 6);

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Biases, second.Biases);
        Assert.NotEqual(first.Weights, other.Weights);
    }

    [Fact]
    public void Save_and_load_give_identical_scores_and_bytes()
    {
        var classifier = SafetyClassifier.Train(FruitsAndTools(), SmallOptions, seed: 1);
        var model = new SafetyGuardModel(classifier, 0.42, seed: 1);
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "guard.json");

        model.Save(path);
        var loaded = SafetyGuardModel.Load(path);

        Assert.Equal(0.42, loaded.Threshold);
        Assert.Equal(model.Classifier.Hashing, loaded.Classifier.Hashing);
        foreach (var text in new[] { "a hammer shop", "fresh mango", "", "wrench and plum" })
        {
            Assert.Equal(model.Classifier.Probabilities(text), loaded.Classifier.Probabilities(text));
        }
        Assert.Equal(File.ReadAllText(path), loaded.ToJson());
    }

    [Fact]
    public void Loading_rejects_another_format_or_version()
    {
        var json = new SafetyGuardModel(SafetyClassifier.Train(FruitsAndTools(), SmallOptions, 1), 0.5, 1).ToJson();

        Assert.Throws<InvalidDataException>(() => SafetyGuardModel.FromJson(json.Replace("\"version\": 1", "\"version\": 99", StringComparison.Ordinal)));
        Assert.Throws<InvalidDataException>(() => SafetyGuardModel.FromJson(json.Replace("\"buckets\": 4096", "\"buckets\": 8192", StringComparison.Ordinal)));
    }
}
