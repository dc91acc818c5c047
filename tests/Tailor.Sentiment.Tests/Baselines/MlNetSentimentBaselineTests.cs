using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Metrics;

namespace Tailor.Sentiment.Tests.Baselines;

public class MlNetSentimentBaselineTests
{
    private static readonly string[] Good = ["great", "wonderful", "excellent", "brilliant", "superb", "delightful"];
    private static readonly string[] Bad = ["awful", "terrible", "horrible", "dreadful", "boring", "dull"];
    private static readonly string[] Subjects = ["the film", "this movie", "the acting", "the plot", "the ending", "the score", "the cast"];
    private static readonly string[] Fillers = ["honestly", "I think", "overall", "to be fair", "in my view", "frankly", "", "as expected"];

    /// <summary>Sentences whose only signal is the sentiment word; half positive, half negative, with HTML breaks sprinkled in.</summary>
    private static List<SentimentExample> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<SentimentExample>();
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            var word = (label == 1 ? Good : Bad)[random.Next(Good.Length)];
            var text = $"{Fillers[random.Next(Fillers.Length)]} {Subjects[random.Next(Subjects.Length)]} was {word}.<br /><br />{Fillers[random.Next(Fillers.Length)]} {Subjects[random.Next(Subjects.Length)]} too.";
            rows.Add(new SentimentExample(text, label));
        }
        return rows;
    }

    [Fact]
    public void Learns_a_separable_synthetic_set_and_is_deterministic_for_a_seed()
    {
        var train = Synthetic(200, seed: 1);
        var heldOut = Synthetic(100, seed: 2);
        var texts = heldOut.Select(r => r.Text).ToList();

        var first = MlNetSentimentBaseline.Train(train, seed: 7).Predict(texts);
        var report = ClassificationReport.Compute(heldOut.Select(r => r.Label).ToList(), first.Select(p => p.Label).ToList());
        Assert.True(report.Accuracy > 0.9, $"held-out accuracy {report.Accuracy}");
        Assert.All(first, p => Assert.InRange(p.Probability, 0f, 1f));
        Assert.All(first, p => Assert.Equal(p.Label == 1, p.Probability > 0.5f));

        var second = MlNetSentimentBaseline.Train(train, seed: 7).Predict(texts);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Refuses_a_training_set_with_one_class()
    {
        var onlyPositive = Synthetic(20, seed: 3).Where(r => r.Label == 1).ToList();
        Assert.Throws<ArgumentException>(() => MlNetSentimentBaseline.Train(onlyPositive, seed: 1));
    }
}
