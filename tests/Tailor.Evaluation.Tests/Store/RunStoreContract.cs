using Tailor.Evaluation.Store;

namespace Tailor.Evaluation.Tests.Store;

/// <summary>The tests every run store must pass; a subclass says how to open (and reopen) its database.</summary>
public abstract class RunStoreContract
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Opens the test's database; a second call reopens the same one.</summary>
    protected abstract IRunStore Open();

    protected abstract IReadOnlyList<int> AppliedMigrations(IRunStore store);

    [SkippableFact]
    public void A_saved_run_comes_back_with_its_metrics()
    {
        using var store = Open();
        var run = Run("eval-1", Noon) with
        {
            GitCommit = "abc123",
            Metrics =
            [
                new RunMetricRow("pass", RunMetricRow.Overall, 0.75, 0.6, 0.9, 40),
                new RunMetricRow("pass", "edge:typos", 0.5, 0.1, 0.9, 4),
                new RunMetricRow("relevance", RunMetricRow.Overall, 0.123456789012345, 0.1, 0.15, 30),
            ],
        };
        store.Save(run);
        var back = store.Get("eval-1")!;
        Assert.Equal(run with { Metrics = [] }, back with { Metrics = [] });
        Assert.Equal(run.Metrics.OrderBy(m => m.Category, StringComparer.Ordinal).ThenBy(m => m.Metric, StringComparer.Ordinal), back.Metrics);
    }

    [SkippableFact]
    public void A_missing_run_is_null_and_a_missing_commit_stays_null()
    {
        using var store = Open();
        Assert.Null(store.Get("nope"));
        store.Save(Run("r", Noon));
        Assert.Null(store.Get("r")!.GitCommit);
    }

    [SkippableFact]
    public void Saving_a_run_again_replaces_it()
    {
        using var store = Open();
        store.Save(Run("r", Noon) with { Metrics = [new RunMetricRow("pass", "*", 0.1, 0, 0.2, 10), new RunMetricRow("tokens", "*", 5, 4, 6, 10)] });
        store.Save(Run("r", Noon) with { Suite = "edge", Metrics = [new RunMetricRow("pass", "*", 0.9, 0.8, 1, 10)] });
        var back = store.Get("r")!;
        Assert.Equal("edge", back.Suite);
        Assert.Equal(0.9, Assert.Single(back.Metrics).Mean);
        Assert.Single(store.List());
    }

    [SkippableFact]
    public void List_filters_and_puts_the_newest_first()
    {
        using var store = Open();
        store.Save(Run("old", Noon.AddDays(-2)));
        store.Save(Run("new", Noon) with { Metrics = [new RunMetricRow("pass", "*", 1, 1, 1, 1)] });
        store.Save(Run("mid", Noon.AddDays(-1)) with { Kind = "train", Suite = "" });
        store.Save(Run("other", Noon.AddHours(-1)) with { Suggester = "teacher" });
        Assert.Equal(["new", "other", "mid", "old"], store.List().Select(r => r.Id));
        Assert.Equal(["new", "other", "old"], store.List(new RunFilter(Kind: "eval")).Select(r => r.Id));
        Assert.Equal(["other"], store.List(new RunFilter(Suggester: "teacher")).Select(r => r.Id));
        Assert.Equal(["new", "old"], store.List(new RunFilter(Kind: "eval", Suite: "test", Suggester: "baseline")).Select(r => r.Id));
        Assert.Equal(["new", "other"], store.List(new RunFilter(Limit: 2)).Select(r => r.Id));
        Assert.Empty(store.List()[0].Metrics);
        Assert.Equal(Noon, store.List()[0].CreatedUtc);
    }

    [SkippableFact]
    public void Migrations_are_applied_once_in_order_and_reopening_keeps_the_data()
    {
        using (var store = Open())
        {
            Assert.Equal(RunStoreMigrations.All.Select(m => m.Version), AppliedMigrations(store));
            store.Save(Run("kept", Noon));
        }
        using (var again = Open())
        {
            Assert.Equal(RunStoreMigrations.All.Select(m => m.Version), AppliedMigrations(again));
            Assert.NotNull(again.Get("kept"));
        }
    }

    [SkippableFact]
    public void Migration_versions_are_increasing()
    {
        var versions = RunStoreMigrations.All.Select(m => m.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    private static RunRecord Run(string id, DateTimeOffset created) => new()
    {
        Id = id,
        CreatedUtc = created,
        Kind = "eval",
        Suite = "test",
        Suggester = "baseline",
        ConfigJson = """{"temperature":"0.7"}""",
        MetricsJson = """{"pass":0.75}""",
        Directory = "runs/" + id,
    };
}
