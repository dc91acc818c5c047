using Tailor.Evaluation.Judges;
using static Tailor.Evaluation.Tests.Judges.JudgeTestData;

namespace Tailor.Evaluation.Tests.Judges;

public sealed class PositionBiasTests
{
    [Fact]
    public async Task A_judge_that_only_reads_the_first_domain_is_caught()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = FakeJudgeServer.FirstDomainReply;
        var items = Items(30);
        var options = Options() with { ShuffleSeed = 11 };

        var result = await PositionBias.CheckAsync(Client(server), options, items);

        // The planted judge's scores in both orders, worked out from the order each list is shown in.
        var shuffler = new LlmJudge(Client(server), options with { ShuffleSuggestions = true });
        var differences = items.Select(i =>
            Score(shuffler.ShownOrder(i.CaseId, i.Domains)[0]) - Score(i.Domains[0])).ToList();
        Assert.Equal(30, result.Cases);
        Assert.Equal(differences.Average(d => Math.Abs(d)), result.MeanAbsoluteDifference, 12);
        Assert.Equal(differences.Average(), result.MeanSignedDifference, 12);
        Assert.True(result.MeanAbsoluteDifference > 0.8, $"mean absolute difference {result.MeanAbsoluteDifference}");
        Assert.True(result.ChangedShare > 0.5, $"changed {result.ChangedShare}");
        Assert.True(result.Spearman < 0.6, $"spearman {result.Spearman}");
        Assert.Equal(60, result.Usage.Requests);
    }

    [Fact]
    public async Task A_position_invariant_judge_shows_no_bias()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        var items = Items(30);

        var result = await PositionBias.CheckAsync(Client(server), Options() with { ShuffleSeed = 11 }, items);

        Assert.Equal(30, result.Cases);
        Assert.Equal(0.0, result.MeanAbsoluteDifference);
        Assert.Equal(0.0, result.ChangedShare);
        Assert.Equal(1.0, result.Spearman, 12);
        // The judge did see other orders: the server got each case twice, differently ordered.
        var byCase = server.Received.GroupBy(r => r.Description).ToList();
        Assert.All(byCase, g => Assert.NotEqual(g.First().Domains, g.Last().Domains));
    }

    [Fact]
    public void Compare_skips_cases_unjudged_in_either_order()
    {
        JudgeScore?[] original = [Overall(5), null, Overall(3), Overall(2)];
        JudgeScore?[] shuffled = [Overall(4), Overall(1), null, Overall(2)];

        var result = PositionBias.Compare(original, shuffled, JudgeUsage.None);

        Assert.Equal(2, result.Cases);
        Assert.Equal(0.5, result.MeanAbsoluteDifference, 12);
        Assert.Equal(-0.5, result.MeanSignedDifference, 12);
        Assert.Equal(0.5, result.ChangedShare, 12);
    }

    private static int Score(string firstDomain) => 1 + (FakeJudgeServer.Number(firstDomain) % 5);

    private static JudgeScore Overall(int overall) => new(3, 3, 3, 3, overall, 0.5, "");
}
