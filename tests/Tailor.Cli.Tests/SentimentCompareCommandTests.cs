using Tailor.Evaluation.Statistics;
using Tailor.Sentiment.Encoder;

namespace Tailor.Cli.Tests;

/// <summary><c>tailor sentiment compare</c> on score files written here: the table's numbers, naming, where run directories are searched, errors.</summary>
[Collection("console")]
public sealed class SentimentCompareCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Alternating labels over <paramref name="count"/> reviews; the rows in <paramref name="wrong"/> are scored the wrong way.</summary>
    private static ReviewScores Scores(int count, IEnumerable<int> wrong)
    {
        var labels = Enumerable.Range(0, count).Select(i => i % 2).ToArray();
        var wrongRows = wrong.ToHashSet();
        var margins = labels.Select((label, i) => (label == 1 ? 2f : -2f) * (wrongRows.Contains(i) ? -1 : 1)).ToArray();
        return new ReviewScores("test", labels, margins, 1.0);
    }

    private string Save(string relativePath, ReviewScores scores)
    {
        var path = temp.File(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        scores.Save(path);
        return path;
    }

    /// <summary>The cells of the table row whose first cell is <paramref name="route"/>.</summary>
    private static string[] Row(string table, string route) =>
        table.Split('\n').Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .Single(cells => cells[0] == route);

    private static (double Low, double High) Wilson(int correct, int n)
    {
        const double z = 1.959963984540054;
        double p = correct / (double)n, denominator = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return (centre - half, centre + half);
    }

    [Fact]
    public void The_table_lists_each_route_with_n_accuracy_and_ci_and_mcnemar_only_for_the_same_reviews()
    {
        // 100 reviews: the encoder misses 10 (rows 0-9), the n-gram model 20 (rows 5-24); "other" scored 60 different reviews.
        var encoder = Save("encoder.json", Scores(100, Enumerable.Range(0, 10)));
        var ngram = Save("ngram.json", Scores(100, Enumerable.Range(5, 20)));
        var other = Save("other.json", Scores(60, Enumerable.Range(0, 3)));
        var output = temp.File("tables/compare.md");

        var run = CliRunner.Run("sentiment", "compare", $"encoder={encoder}", $"n-grams={ngram}", $"other={other}", "--out", output);

        Assert.True(run.Code == 0, run.Err);
        var first = Row(run.Out, "encoder");
        var (low, high) = Wilson(90, 100);
        Assert.Equal("100", first[1]);
        Assert.Equal(FormattableString.Invariant($"90.00% ({100 * low:F2}–{100 * high:F2})"), first[2]);
        Assert.Equal("–", first[^1]);

        var second = Row(run.Out, "n-grams");
        (low, high) = Wilson(80, 100);
        Assert.Equal(FormattableString.Invariant($"80.00% ({100 * low:F2}–{100 * high:F2})"), second[2]);
        // Discordant rows: 15 the encoder alone gets right (10-24), 5 the n-gram model alone gets right (0-4).
        bool[] Correct(int count, Range wrongRows) => [.. Enumerable.Range(0, count).Select(i => i < wrongRows.Start.Value || i >= wrongRows.End.Value)];
        var p = McNemar.Test(Correct(100, 0..10), Correct(100, 5..25)).PValue;
        Assert.True(p is > 0.01 and < 0.1, $"McNemar p {p} for 15 vs 5 discordant rows");
        Assert.Equal(FormattableString.Invariant($"-10.00 pt, p = {p:G2}"), second[^1]);

        var third = Row(run.Out, "other");
        Assert.Equal("60", third[1]);
        Assert.StartsWith("95.00% (", third[2], StringComparison.Ordinal);
        Assert.Equal("–", third[^1]);

        Assert.Equal(run.Out.Replace($"written: {output}", "", StringComparison.Ordinal).TrimEnd(), File.ReadAllText(output).TrimEnd());
    }

    [Fact]
    public void A_route_without_a_name_is_named_by_its_path()
    {
        var scores = Save("scores.json", Scores(10, []));

        var run = CliRunner.Run("sentiment", "compare", scores);

        Assert.True(run.Code == 0, run.Err);
        Assert.Equal("100.00%", Row(run.Out, scores)[2].Split(' ')[0]);
    }

    [Fact]
    public void A_run_directory_is_searched_for_blend_then_encoder_then_plain_test_scores()
    {
        // Each file's size tells which one was read: n = 40 from blend/, 30 from scores/, 20 from the top.
        Save("blended/blend/test.json", Scores(40, []));
        Save("blended/scores/test.json", Scores(30, []));
        Save("blended/test.json", Scores(20, []));
        Save("encoder/scores/test.json", Scores(30, []));
        Save("encoder/test.json", Scores(20, []));
        Save("baseline/test.json", Scores(20, []));

        var run = CliRunner.Run("sentiment", "compare",
            $"blended={temp.File("blended")}", $"encoder={temp.File("encoder")}", $"baseline={temp.File("baseline")}");

        Assert.True(run.Code == 0, run.Err);
        Assert.Equal("40", Row(run.Out, "blended")[1]);
        Assert.Equal("30", Row(run.Out, "encoder")[1]);
        Assert.Equal("20", Row(run.Out, "baseline")[1]);
    }

    [Fact]
    public void A_missing_path_is_one_error_line_naming_it()
    {
        var scores = Save("scores.json", Scores(10, []));
        var missing = temp.File("no-such-run/test.json");

        var run = CliRunner.Run("sentiment", "compare", scores, $"lost={missing}");

        Assert.Equal(1, run.Code);
        Assert.Equal($"error: {missing}: not found (a scores file or a run directory)", run.Err.TrimEnd());
        Assert.Single(run.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_run_directory_without_scores_is_named_with_the_files_looked_for()
    {
        var empty = temp.File("empty-run");
        Directory.CreateDirectory(empty);

        var run = CliRunner.Run("sentiment", "compare", empty);

        Assert.Equal(1, run.Code);
        Assert.StartsWith($"error: {empty}: no test scores in this run directory (looked for blend/test.json, scores/test.json, test.json)", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
    }
}
