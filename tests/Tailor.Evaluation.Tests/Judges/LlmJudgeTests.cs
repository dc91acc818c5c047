using System.Text.Json.Nodes;
using Tailor.Domains;
using Tailor.Domains.Synthesis.Teacher;
using Tailor.Evaluation.Judges;
using static Tailor.Evaluation.Tests.Judges.JudgeTestData;

namespace Tailor.Evaluation.Tests.Judges;

/// <summary>The LLM judge over real HTTP against a local OpenAI-compatible server.</summary>
public sealed class LlmJudgeTests
{
    private static readonly string[] SomeDomains = ["freshloaf.com", "sourdoughcorner.shop", "bakeby.me"];

    [Fact]
    public async Task A_good_answer_is_parsed_into_scores()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = _ => JudgeReply.Answer(FakeJudgeServer.ScoresJson(4, relevance: 5, confidence: 0.7, reason: "  Clear and short.  "));
        var judge = new LlmJudge(Client(server), Options());

        var score = await judge.ScoreAsync("c1", "A bakery for sourdough lovers.", SomeDomains);

        Assert.Equal(new JudgeScore(5, 4, 4, 4, 4, 0.7, "Clear and short."), score);
        var request = Assert.Single(server.Received);
        Assert.Equal("A bakery for sourdough lovers.", request.Description);
        Assert.Equal(SomeDomains, request.Domains);
        Assert.Equal("json_schema", (string?)request.Body["response_format"]!["type"]);
        Assert.Equal(new JudgeUsage(FakeJudgeServer.PromptTokens, FakeJudgeServer.CompletionTokens, 1, 0, 0, 0), judge.Usage);
    }

    [Fact]
    public async Task Json_object_and_no_response_format_are_options()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        await new LlmJudge(Client(server), Options() with { StructuredOutput = TeacherStructuredOutput.JsonObject })
            .ScoreAsync("c1", "A bakery.", SomeDomains);
        await new LlmJudge(Client(server), Options() with { StructuredOutput = TeacherStructuredOutput.None })
            .ScoreAsync("c1", "A bakery.", SomeDomains);

        var requests = server.Received.ToList();
        Assert.Equal("json_object", (string?)requests[0].Body["response_format"]!["type"]);
        Assert.Null(requests[1].Body["response_format"]);
    }

    [Fact]
    public async Task Malformed_json_is_re_asked_with_the_problem_said()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = r => r.UserMessages == 1
            ? JudgeReply.Answer("Sure! Here are my scores: relevance 4")
            : JudgeReply.Answer(FakeJudgeServer.ScoresJson(3));
        var judge = new LlmJudge(Client(server), Options());

        var score = await judge.ScoreAsync("c1", "A bakery.", SomeDomains);

        Assert.Equal(3, score!.Overall);
        Assert.Equal(2, server.Requests);
        var reAsk = server.Received.Last();
        Assert.Equal(4, reAsk.Body["messages"]!.AsArray().Count);
        Assert.Equal("assistant", (string?)reAsk.Body["messages"]![2]!["role"]);
        Assert.Contains("not a JSON object", reAsk.LastUserPrompt, StringComparison.Ordinal);
        Assert.Equal(0, judge.Usage.Unjudged);
        Assert.Equal(2, judge.Usage.Requests);
    }

    [Fact]
    public async Task Out_of_range_scores_are_rejected_and_the_case_ends_unjudged()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = _ => JudgeReply.Answer(
            """{"relevance": 4, "memorability": 4, "brandability": 4, "appropriateness": 4, "overall": 6, "confidence": 0.9, "reason": "x"}""");
        var judge = new LlmJudge(Client(server), Options() with { MaxAnswerAttempts = 3 });

        var score = await judge.ScoreAsync("c1", "A bakery.", SomeDomains);

        Assert.Null(score);
        Assert.Equal(3, server.Requests);
        Assert.Contains("\"overall\" must be an integer from 1 to 5, not 6", server.Received.Last().LastUserPrompt, StringComparison.Ordinal);
        Assert.Equal(1, judge.Usage.Unjudged);
    }

    [Fact]
    public async Task A_storm_of_429s_with_retry_after_zero_is_survived()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = r => r.Number <= 5 ? JudgeReply.Error(429, retryAfter: "0") : FakeJudgeServer.InvariantReply(r);
        var judge = new LlmJudge(Client(server), Options());

        var score = await judge.ScoreAsync("c1", "A bakery.", SomeDomains);

        Assert.NotNull(score);
        Assert.Equal(6, server.Requests);
        Assert.Equal(1, judge.Usage.Requests);
        Assert.Equal(5, judge.Usage.Retries);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_fails_the_call()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = _ => JudgeReply.Error(503, retryAfter: "0");
        var judge = new LlmJudge(Client(server, maxAttempts: 3), Options());

        await Assert.ThrowsAsync<DomainDataException>(() => judge.ScoreAsync("c1", "A bakery.", SomeDomains));
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task A_rerun_is_answered_from_the_cache_file_without_a_request()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeJudgeServer.StartAsync();
        var items = Items(5);
        IReadOnlyList<JudgeScore?> first;
        using (var cache = JudgeCache.Open(temp.File("judge.sqlite")))
        {
            first = await new LlmJudge(Client(server), Options(cache)).ScoreManyAsync(items);
        }
        Assert.Equal(5, server.Requests);

        using (var reopened = JudgeCache.Open(temp.File("judge.sqlite")))
        {
            var judge = new LlmJudge(Client(server), Options(reopened));
            var second = await judge.ScoreManyAsync(items);

            Assert.Equal(5, server.Requests);
            Assert.Equal(first, second);
            Assert.Equal(new JudgeUsage(0, 0, 0, 0, 5, 0), judge.Usage);

            // The same domains in another order are another judgement.
            await judge.ScoreAsync(items[0].CaseId, items[0].Description, items[0].Domains.Reverse().ToList());
            Assert.Equal(6, server.Requests);
        }
    }

    [Fact]
    public async Task Unjudged_cases_are_not_cached()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = _ => JudgeReply.Answer("{}");
        using var cache = JudgeCache.Open(temp.File("judge.sqlite"));
        var judge = new LlmJudge(Client(server), Options(cache) with { MaxAnswerAttempts = 2 });

        Assert.Null(await judge.ScoreAsync("c1", "A bakery.", SomeDomains));
        Assert.Null(await judge.ScoreAsync("c1", "A bakery.", SomeDomains));
        Assert.Equal(4, server.Requests);
        Assert.Equal(0, cache.Count);
        Assert.Equal(2, judge.Usage.Unjudged);
    }

    [Fact]
    public async Task No_more_than_the_concurrency_limit_is_in_flight()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = r => FakeJudgeServer.InvariantReply(r) with { Delay = TimeSpan.FromMilliseconds(150) };
        var judge = new LlmJudge(Client(server), Options() with { Concurrency = 3 });
        var reported = new List<int>();

        var scores = await judge.ScoreManyAsync(Items(12), new SynchronousProgress(reported));

        Assert.Equal(12, scores.Count(s => s is not null));
        Assert.Equal(12, server.Requests);
        Assert.InRange(server.MaxInFlight, 2, 3);
        Assert.Equal(Enumerable.Range(1, 12), reported.Order());
    }

    [Fact]
    public async Task Scores_line_up_with_their_items()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        var items = Items(8);
        var scores = await new LlmJudge(Client(server), Options() with { Concurrency = 4 }).ScoreManyAsync(items);

        for (var i = 0; i < items.Count; i++)
        {
            var expected = FakeJudgeServer.InvariantReply(new JudgeRequest(0, items[i].Description, items[i].Domains, null, 1, "", new JsonObject()));
            Assert.Equal(JudgeAnswerReader.Read(expected.Content).Score, scores[i]);
        }
    }

    [Fact]
    public async Task Tokens_are_summed_from_usage_over_every_request_re_asks_included()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        server.Respond = r =>
        {
            // Case 2's first answer is unusable, so 4 requests in all; each reports its own token counts.
            var reply = r.Description.Contains("number 2 ", StringComparison.Ordinal) && r.UserMessages == 1
                ? JudgeReply.Answer("{\"overall\": 3}")
                : FakeJudgeServer.InvariantReply(r);
            return reply with { PromptTokens = 100 * r.UserMessages, CompletionTokens = 7 };
        };
        var judge = new LlmJudge(Client(server), Options());

        await judge.ScoreManyAsync(Items(3));

        Assert.Equal(new JudgeUsage(100 + 100 + 100 + 200, 4 * 7, 4, 0, 0, 0), judge.Usage);
        Assert.Equal(4 * 7 + 500, judge.Usage.TotalTokens);
    }

    [Fact]
    public async Task A_shuffled_judge_sees_a_seeded_permutation_of_the_same_domains()
    {
        await using var server = await FakeJudgeServer.StartAsync();
        var item = Items(1)[0];
        var options = Options() with { ShuffleSuggestions = true, ShuffleSeed = 7 };

        await new LlmJudge(Client(server), options).ScoreAsync(item.CaseId, item.Description, item.Domains);
        await new LlmJudge(Client(server), options).ScoreAsync(item.CaseId, item.Description, item.Domains);
        await new LlmJudge(Client(server), options with { ShuffleSeed = 8 }).ScoreAsync(item.CaseId, item.Description, item.Domains);

        var shown = server.Received.Select(r => r.Domains).ToList();
        Assert.Equal(item.Domains.Order(StringComparer.Ordinal), shown[0].Order(StringComparer.Ordinal));
        Assert.NotEqual(item.Domains, shown[0]);
        Assert.Equal(shown[0], shown[1]);
        Assert.NotEqual(shown[0], shown[2]);
    }

    /// <summary>Progress that records at once (Progress&lt;T&gt; posts to the thread pool, too late to assert on).</summary>
    private sealed class SynchronousProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reported)
            {
                reported.Add(value);
            }
        }
    }
}
