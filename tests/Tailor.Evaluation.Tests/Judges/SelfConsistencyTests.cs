using Tailor.Evaluation.Judges;
using static Tailor.Evaluation.Tests.Judges.JudgeTestData;

namespace Tailor.Evaluation.Tests.Judges;

public sealed class SelfConsistencyTests
{
    [Fact]
    public async Task A_deterministic_judge_is_perfectly_consistent_and_the_cache_is_bypassed()
    {
        using var temp = new TempDirectory();
        using var cache = JudgeCache.Open(temp.File("judge.sqlite"));
        await using var server = await FakeJudgeServer.StartAsync();
        var items = Items(20);

        var result = await SelfConsistency.CheckAsync(Client(server), Options(cache) with { Seed = 100, Temperature = 0.7f }, items, repeats: 3);

        Assert.Equal(new SelfConsistencyResult(3, 20, 0.0, 1.0, 1.0, 1.0, new JudgeUsage(
            60 * FakeJudgeServer.PromptTokens, 60 * FakeJudgeServer.CompletionTokens, 60, 0, 0, 0)), result);
        Assert.Equal(60, server.Requests);
        Assert.Equal(0, cache.Count);
        Assert.Equal(new long?[] { 100, 101, 102 }, server.Received.Select(r => r.Seed).Distinct().Order().ToArray());
        Assert.All(server.Received, r => Assert.Equal(0.7, (double)r.Body["temperature"]!, 3));
    }

    [Fact]
    public async Task A_judge_whose_scores_follow_the_seed_is_found_inconsistent()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = r => JudgeReply.Answer(FakeJudgeServer.ScoresJson(1 + (FakeJudgeServer.Number(r.Description + r.Seed) % 5)));

        var result = await SelfConsistency.CheckAsync(Client(server), Options(), Items(20), repeats: 3);

        Assert.True(result.MeanStdDev > 0.5, $"mean std {result.MeanStdDev}");
        Assert.True(result.MeanPairwiseKappa < 0.5, $"kappa {result.MeanPairwiseKappa}");
        Assert.True(result.UnanimousShare < 0.5, $"unanimous {result.UnanimousShare}");
    }

    [Fact]
    public void Compare_works_on_hand_made_repeats()
    {
        // Case 1: 3, 3, 3 (std 0); case 2: 1, 2, 3 (std sqrt(2/3)); case 3 unjudged once, left out.
        IReadOnlyList<JudgeScore?>[] runs =
        [
            [Overall(3), Overall(1), Overall(5)],
            [Overall(3), Overall(2), null],
            [Overall(3), Overall(3), Overall(5)],
        ];

        var result = SelfConsistency.Compare(runs, JudgeUsage.None);

        Assert.Equal(2, result.Cases);
        Assert.Equal(Math.Sqrt(2.0 / 3) / 2, result.MeanStdDev, 12);
        Assert.Equal(0.5, result.UnanimousShare, 12);
        var expectedKappa = new[]
        {
            JudgeAgreement.CohenKappa([3, 1], [3, 2]), JudgeAgreement.CohenKappa([3, 1], [3, 3]), JudgeAgreement.CohenKappa([3, 2], [3, 3]),
        }.Average();
        Assert.Equal(expectedKappa, result.MeanPairwiseKappa, 12);
    }

    private static JudgeScore Overall(int overall) => new(3, 3, 3, 3, overall, 0.5, "");
}
