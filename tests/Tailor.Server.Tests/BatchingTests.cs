using System.Net;
using Tailor.Domains.Suggestions;
using Tailor.Server.Batching;

namespace Tailor.Server.Tests;

public sealed class BatchingTests
{
    [Fact]
    public async Task Concurrent_requests_are_grouped_and_each_gets_its_own_answer()
    {
        var suggester = new RecordingBatchSuggester(TimeSpan.FromMilliseconds(50));
        await using var batcher = new SuggestionBatcher(suggester, maxBatch: 8, window: TimeSpan.FromMilliseconds(100));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => batcher.SuggestAsync(new SuggestionRequest($"name{i}"))));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"name{i}.com"), answers.Select(a => a.Suggestions.Single().Domain));
        var sizes = suggester.BatchSizes.ToList();
        Assert.Equal(20, sizes.Sum());
        Assert.All(sizes, size => Assert.InRange(size, 1, 8));
        // 20 requests that arrive together fill batches of 8: three batches, not twenty.
        Assert.Equal([8, 8, 4], sizes);
    }

    [Fact]
    public async Task A_lone_request_waits_at_most_the_window()
    {
        var suggester = new RecordingBatchSuggester(TimeSpan.Zero);
        await using var batcher = new SuggestionBatcher(suggester, maxBatch: 64, window: TimeSpan.FromMilliseconds(20));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await batcher.SuggestAsync(new SuggestionRequest("alone"));

        Assert.InRange(clock.ElapsedMilliseconds, 15, 2000);
        Assert.Equal([1], suggester.BatchSizes);
    }

    [Fact]
    public async Task A_failing_batch_fails_each_of_its_callers()
    {
        await using var batcher = new SuggestionBatcher(new ConcurrentBatchSuggester(new ThrowingSuggester()), 4, TimeSpan.FromMilliseconds(5));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SuggestAsync(new SuggestionRequest("x")));

        Assert.Equal(ThrowingSuggester.Secret, error.Message);
    }

    [Fact]
    public async Task The_server_batches_concurrent_http_clients()
    {
        var suggester = new RecordingBatchSuggester(TimeSpan.FromMilliseconds(30));
        var options = new ServerOptions { MaxBatch = 16, BatchWindow = TimeSpan.FromMilliseconds(200), MaxConcurrentBatches = 1 };
        await using var server = await RunningServer.StartAsync(suggester, options);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = $"client{i}" }))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"client{i}.com"),
            answers.Select(a => a.Body.GetProperty("suggestions")[0].GetProperty("domain").GetString()));
        Assert.Equal(12, suggester.BatchSizes.Sum());
        Assert.True(suggester.BatchSizes.Max() >= 6, $"batches: {string.Join(",", suggester.BatchSizes)}");

        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains($"tailor_batch_size_count {suggester.BatchSizes.Count}", metrics, StringComparison.Ordinal);
        Assert.Contains("tailor_batch_size_sum 12", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_suggester_adapter_runs_a_batch_in_order()
    {
        var adapter = ConcurrentBatchSuggester.For(new KeywordBaselineSuggester());

        var results = await adapter.SuggestBatchAsync([new SuggestionRequest("coffee shop"), new SuggestionRequest("dog grooming salon")]);

        Assert.Equal(KeywordBaselineSuggester.Suggest(new SuggestionRequest("coffee shop")).Suggestions, results[0].Suggestions);
        Assert.Equal(KeywordBaselineSuggester.Suggest(new SuggestionRequest("dog grooming salon")).Suggestions, results[1].Suggestions);
    }

    [Fact]
    public async Task Requests_with_options_go_through_the_batcher_whole()
    {
        var suggester = new RecordingBatchSuggester(TimeSpan.FromMilliseconds(20));
        var options = new ServerOptions { MaxBatch = 8, BatchWindow = TimeSpan.FromMilliseconds(100) };
        await using var server = await RunningServer.StartAsync(suggester, options);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => server.Client.PostAsync("/v1/suggest", ApiClient.Json(new
        {
            business_description = $"client{i}",
            count = 2,
            tlds = new[] { i % 2 == 0 ? "io" : "co.uk" },
            max_length = 12,
            style = "short",
            include = new[] { "bean" },
            exclude = new[] { "get" },
            language = "fr",
        }))));

        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"client{i}.{(i % 2 == 0 ? "io" : "co.uk")}"),
            answers.Select(a => a.Body.GetProperty("suggestions")[0].GetProperty("domain").GetString()));
        var seen = suggester.Requests.OrderBy(r => r.Description, StringComparer.Ordinal).ToList();
        Assert.Equal(4, seen.Count);
        Assert.All(seen, r =>
        {
            Assert.Equal(2, r.Count);
            Assert.Equal(12, r.MaxLength);
            Assert.Equal(8, r.EffectiveMaxLength);
            Assert.Equal(NameStyle.Short, r.Style);
            Assert.Equal(["bean"], r.Include);
            Assert.Equal(["get"], r.Exclude);
            Assert.Equal("fr", r.Language);
        });
        Assert.Equal(["io"], seen[0].Tlds);
        Assert.Equal(["co.uk"], seen[1].Tlds);
    }
}
