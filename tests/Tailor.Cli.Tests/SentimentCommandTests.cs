using System.Text.Json;

namespace Tailor.Cli.Tests;

/// <summary><c>tailor sentiment baseline</c> and <c>ngram</c> on small review files written here: a run directory out, bad lines named.</summary>
[Collection("console")]
public sealed class SentimentCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "tailor-sentiment-" + Guid.NewGuid().ToString("N"));

    public SentimentCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Reviews(string name, int count, int seed) => SyntheticReviews.Write(Path.Combine(root, name), count, seed);

    [Fact]
    public void The_baseline_writes_metrics_and_a_report_and_a_bad_line_is_named()
    {
        var train = Reviews("train.jsonl", 200, 1);
        var test = Reviews("test.jsonl", 80, 2);
        var output = Path.Combine(root, "run");

        var run = CliRunner.Run("sentiment", "baseline", "--train", train, "--test", test, "--out", output, "--seed", "3");

        Assert.True(run.Code == 0, run.Err);
        Assert.True(File.Exists(Path.Combine(output, "report.md")));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var accuracy = FindNumber(metrics.RootElement, "accuracy");
        Assert.True(accuracy > 0.9, $"accuracy {accuracy} on reviews whose only signal is the sentiment word");

        File.AppendAllText(test, "{\"text\":\"fine\",\"label\":7}\n");
        var bad = CliRunner.Run("sentiment", "baseline", "--train", train, "--test", test, "--out", output);
        Assert.Equal(1, bad.Code);
        Assert.Contains($"{test}:81:", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ngram_command_trains_character_n_grams_and_names_bad_orders()
    {
        var train = Reviews("train.jsonl", 200, 1);
        var test = Reviews("test.jsonl", 80, 2);
        var output = Path.Combine(root, "chars");

        var run = CliRunner.Run("sentiment", "ngram", "--train", train, "--test", test, "--validation-rows", "40", "--chars", "2-4", "--out", output);

        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("test: accuracy", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "ngram.bin")));
        Assert.True(File.Exists(Path.Combine(output, "validation.json")));
        foreach (var (orders, message) in new[] { ("5-2", "--chars 5-2: character n-gram orders 5-2"), ("two", "--chars two: expected MIN-MAX") })
        {
            var bad = CliRunner.Run("sentiment", "ngram", "--train", train, "--test", test, "--chars", orders, "--out", output);
            Assert.Equal(1, bad.Code);
            Assert.Contains(message, bad.Err, StringComparison.Ordinal);
        }
    }

    /// <summary>The first number named <paramref name="name"/> anywhere in the document.</summary>
    private static double FindNumber(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == JsonValueKind.Number)
                {
                    return property.Value.GetDouble();
                }
                var inner = FindNumber(property.Value, name);
                if (!double.IsNaN(inner))
                {
                    return inner;
                }
            }
        }
        return double.NaN;
    }
}
