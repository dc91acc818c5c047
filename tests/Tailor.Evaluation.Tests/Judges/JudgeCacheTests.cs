using Tailor.Evaluation.Judges;

namespace Tailor.Evaluation.Tests.Judges;

public sealed class JudgeCacheTests
{
    private static readonly JudgeScore Score = new(4, 3, 5, 5, 4, 0.75, "Short and on topic.");
    private static readonly string[] Domains = ["a.com", "b.com", "c.com"];

    private static JudgeCacheKey Key(string version = "judge-v1", string model = "m", string caseId = "c1",
        string description = "A bakery.", IReadOnlyList<string>? domains = null) =>
        JudgeCacheKey.For(version, model, caseId, description, domains ?? Domains);

    [Fact]
    public void A_score_put_is_got_back_and_survives_reopening()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cache/judge.sqlite");
        using (var cache = JudgeCache.Open(path))
        {
            Assert.Null(cache.TryGet(Key()));
            cache.Put(Key(), Score);
            Assert.Equal(Score, cache.TryGet(Key()));
        }
        using var reopened = JudgeCache.Open(path);
        Assert.Equal(Score, reopened.TryGet(Key()));
        Assert.Equal(1, reopened.Count);
    }

    [Fact]
    public void Every_part_of_the_key_tells_scores_apart()
    {
        using var temp = new TempDirectory();
        using var cache = JudgeCache.Open(temp.File("judge.sqlite"));
        cache.Put(Key(), Score);

        Assert.Null(cache.TryGet(Key(version: "judge-v2")));
        Assert.Null(cache.TryGet(Key(model: "other")));
        Assert.Null(cache.TryGet(Key(caseId: "c2")));
        Assert.Null(cache.TryGet(Key(description: "A butcher.")));
        Assert.Null(cache.TryGet(Key(domains: ["b.com", "a.com", "c.com"])));
        Assert.Null(cache.TryGet(Key(domains: ["a.com", "b.com"])));
        // A boundary moved between two domains is not the same list.
        Assert.NotEqual(Key(domains: ["ab", "c"]), Key(domains: ["a", "bc"]));
        Assert.Equal(Key(domains: ["a.com", "b.com", "c.com"]), Key());
    }

    [Fact]
    public void A_second_put_replaces_the_first()
    {
        using var temp = new TempDirectory();
        using var cache = JudgeCache.Open(temp.File("judge.sqlite"));
        cache.Put(Key(), Score);
        cache.Put(Key(), Score with { Overall = 2 });

        Assert.Equal(2, cache.TryGet(Key())!.Overall);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Parallel_puts_and_gets_lose_nothing()
    {
        using var temp = new TempDirectory();
        using var cache = JudgeCache.Open(temp.File("judge.sqlite"));

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            var key = Key(caseId: "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            cache.Put(key, Score with { Overall = 1 + (i % 5) });
            Assert.Equal(1 + (i % 5), cache.TryGet(key)!.Overall);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(200, cache.Count);
    }
}
