using System.Globalization;
using System.Text.Json;
using Tailor.Sentiment;
using Tailor.Sentiment.Serving;

namespace Tailor.Cli.Tests;

/// <summary><c>tailor classify</c> on a tiny random DistilBERT written here: the model's own answers, printed and written; bad input named.</summary>
[Collection("console")]
public sealed class ClassifyCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _modelDir;

    public ClassifyCommandTests() => _modelDir = TinySentimentModel.Write(_folder.File("model"));

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<SentimentAnswer> Direct(params string[] reviews)
    {
        using var classifier = SentimentModels.Load(_modelDir);
        return [.. classifier.Classify(reviews).Select(SentimentAnswer.From)];
    }

    [Fact]
    public void One_review_prints_the_label_and_its_probability()
    {
        var review = TinySentimentModel.Sentences[2];

        var run = CliRunner.Run("classify", review, "--model", _modelDir);

        Assert.True(run.Code == 0, run.Err);
        var expected = Direct(review)[0];
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{expected.Label} {expected.Probability:0.00}\n"), run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_jsonl_file_gets_one_prediction_per_review_in_order_and_the_accuracy()
    {
        var reviews = TinySentimentModel.Sentences;
        var input = _folder.File("reviews.jsonl");
        File.WriteAllLines(input, reviews.Select((text, i) => JsonSerializer.Serialize(new { id = $"r{i}", text, label = i % 2 })).Append(""));
        var output = _folder.File("out/predictions.jsonl");

        var run = CliRunner.Run("classify", "--in", input, "--out", output, "--model", _modelDir, "--batch-size", "2");

        Assert.True(run.Code == 0, run.Err);
        var expected = Direct(reviews);
        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(reviews.Length, lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            Assert.Equal(["id", "label", "probability"], lines[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal($"r{i}", lines[i].GetProperty("id").GetString());
            Assert.Equal(expected[i].Label, lines[i].GetProperty("label").GetString());
            // Batches of 2 pad differently from one batch of 5; masked padding changes the logits only by float noise.
            Assert.Equal(expected[i].Probability, lines[i].GetProperty("probability").GetDouble(), 0.001);
        }
        var correct = expected.Where((answer, i) => answer.Label == (i % 2 == 1 ? "positive" : "negative")).Count();
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"accuracy {correct / 5.0:0.0000} ({correct}/5;"), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_labels_on_every_line_no_accuracy_is_printed()
    {
        var input = _folder.File("reviews.jsonl");
        File.WriteAllLines(input, ["""{"text":"A fine film.","label":"positive"}""", """{"text":"Dull."}"""]);
        var output = _folder.File("predictions.jsonl");

        var run = CliRunner.Run("classify", "--in", input, "--out", output, "--model", _modelDir);

        Assert.True(run.Code == 0, run.Err);
        Assert.Equal(2, File.ReadAllLines(output).Length);
        Assert.DoesNotContain("accuracy", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"text\":\"fine", "not valid JSON")]
    [InlineData("""["fine"]""", "not a JSON object")]
    [InlineData("""{"review":"fine"}""", "missing string \"text\"")]
    [InlineData("""{"text":"fine","label":3}""", "\"label\" must be 0, 1, \"negative\" or \"positive\", got 3")]
    [InlineData("""{"text":" \u0000 "}""", "empty review")]
    public void A_bad_line_stops_the_job_naming_file_and_line(string badLine, string reason)
    {
        var input = _folder.File("reviews.jsonl");
        File.WriteAllLines(input, ["""{"text":"A fine film."}""", "", badLine]);
        var output = _folder.File("predictions.jsonl");

        var run = CliRunner.Run("classify", "--in", input, "--out", output, "--model", _modelDir);

        Assert.Equal(1, run.Code);
        Assert.StartsWith($"error: {input}:3: {reason}", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    public void An_empty_review_is_an_error(string review)
    {
        var run = CliRunner.Run("classify", review, "--model", _modelDir);

        Assert.Equal(1, run.Code);
        Assert.Equal("error: empty review.", run.Err.Trim());
    }

    [Fact]
    public void A_review_over_the_limit_is_an_error_that_says_the_limit()
    {
        var run = CliRunner.Run("classify", new string('a', ReviewInput.MaxCharacters + 1), "--model", _modelDir);

        Assert.Equal(1, run.Code);
        Assert.Equal("error: the review has 100,001 characters; at most 100,000 are accepted.", run.Err.Trim());
    }

    [Fact]
    public void A_folder_that_is_no_model_is_named_in_the_error()
    {
        var missing = _folder.File("nothing-here");
        var run = CliRunner.Run("classify", "A fine film.", "--model", missing);
        Assert.Equal(1, run.Code);
        Assert.Contains(missing, run.Err, StringComparison.Ordinal);

        var run2 = CliRunner.Run("classify", "A fine film.", "--model", _folder.Path);
        Assert.Equal(1, run2.Code);
        Assert.Contains($"{_folder.Path}: not a sentiment model folder", run2.Err, StringComparison.Ordinal);
    }
}
