using Tailor.Domains;
using Tailor.Evaluation.Judges;

namespace Tailor.Evaluation.Tests.Judges;

public sealed class HumanLabelsTests
{
    [Fact]
    public void Labels_are_read_by_case_id_and_blank_lines_skipped()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels.jsonl");
        File.WriteAllText(path, "{\"case_id\": \"a\", \"overall\": 5, \"rater\": \"kim\"}\n\n{\"case_id\": \"b\", \"overall\": 1}\n");

        Assert.Equal(new Dictionary<string, int> { ["a"] = 5, ["b"] = 1 }, HumanLabels.Read(path));
    }

    [Theory]
    [InlineData("{\"case_id\": \"a\", \"overall\": 6}")]
    [InlineData("{\"case_id\": \"a\", \"overall\": 2.5}")]
    [InlineData("{\"case_id\": \"a\"}")]
    [InlineData("{\"overall\": 3}")]
    [InlineData("not json")]
    public void A_bad_line_is_named_by_file_and_line(string bad)
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels.jsonl");
        File.WriteAllText(path, "{\"case_id\": \"ok\", \"overall\": 3}\n" + bad + "\n");

        var error = Assert.Throws<DomainDataException>(() => HumanLabels.Read(path));
        Assert.StartsWith(path + ":2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_labelled_twice_is_an_error()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels.jsonl");
        File.WriteAllText(path, "{\"case_id\": \"a\", \"overall\": 3}\n{\"case_id\": \"a\", \"overall\": 4}\n");

        Assert.Contains("labelled twice", Assert.Throws<DomainDataException>(() => HumanLabels.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_judge_is_compared_with_people_end_to_end()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeJudgeServer.StartAsync();
        var items = JudgeTestData.Items(10);
        var scores = await new Evaluation.Judges.LlmJudge(JudgeTestData.Client(server), JudgeTestData.Options()).ScoreManyAsync(items);
        var judge = JudgeAgreement.OverallByCase(items, scores);
        // People who agree with the judge everywhere but on case-1, where they are one point apart.
        var path = temp.File("labels.jsonl");
        File.WriteAllLines(path, judge.Select(p =>
            $"{{\"case_id\": \"{p.Key}\", \"overall\": {(p.Key == "case-1" ? (p.Value == 5 ? 4 : p.Value + 1) : p.Value)}}}"));

        var result = JudgeAgreement.Compare("llm", judge, "people", HumanLabels.Read(path));

        Assert.Equal(10, result.Cases);
        Assert.Equal(0.9, result.ExactAgreement, 12);
        Assert.Equal(0.1, result.MeanAbsoluteDifference, 12);
        Assert.True(result.QuadraticKappa > 0.8, $"quadratic kappa {result.QuadraticKappa}");
    }
}
