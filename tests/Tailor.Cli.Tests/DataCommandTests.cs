namespace Tailor.Cli.Tests;

/// <summary><c>tailor data synth | split | stats</c> end to end, in-process.</summary>
[Collection("console")]
public sealed class DataCommandTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "tailor-data-" + Guid.NewGuid().ToString("N"));

    public DataCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    static readonly string[] DatasetFiles = ["train.jsonl", "validation.jsonl", "test.jsonl", "README.md"];

    [Fact]
    public void SynthBuildsTheSameDatasetTwiceAndStatsReadsIt()
    {
        var a = Path.Combine(root, "a");
        var b = Path.Combine(root, "b");
        var first = CliRunner.Run("data", "synth", "--offline", "--n", "400", "--seed", "7", "--out", a, "--real", RepositoryFiles.RealCompanies);
        Assert.True(first.Code == 0, first.Err);
        var second = CliRunner.Run("data", "synth", "--n", "400", "--seed", "7", "--out", b, "--real", RepositoryFiles.RealCompanies);
        Assert.True(second.Code == 0, second.Err);

        foreach (var file in DatasetFiles)
            Assert.True(File.ReadAllBytes(Path.Combine(a, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))), file);
        foreach (var suite in new[] { "holdout", "edge", "safety", "real" })
            Assert.True(new FileInfo(Path.Combine(a, "suites", suite + ".jsonl")).Length > 0, suite);
        var card = File.ReadAllText(Path.Combine(a, "README.md"));
        Assert.Contains("sha256", card, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("real", card, StringComparison.Ordinal);

        var stats = CliRunner.Run("data", "stats", a);
        Assert.True(stats.Code == 0, stats.Err);
        Assert.Contains("0 leaks", stats.Out, StringComparison.Ordinal);
        var plots = Directory.GetFiles(Path.Combine(a, "stats"), "*.png");
        Assert.NotEmpty(plots);
        Assert.All(plots, p => Assert.True(new FileInfo(p).Length > 1000, p));
    }

    [Fact]
    public void SplitReSplitsExistingFilesAndRefusesToOverwriteItsInput()
    {
        var built = Path.Combine(root, "built");
        Assert.Equal(0, CliRunner.Run("data", "synth", "--n", "200", "--seed", "3", "--out", built, "--no-real", "--no-safety").Code);
        var resplit = Path.Combine(root, "resplit");
        var split = CliRunner.Run("data", "split", "--in", Path.Combine(built, "train.jsonl"), Path.Combine(built, "test.jsonl"),
            "--out", resplit, "--seed", "9", "--validation", "0.2", "--test", "0.2");
        Assert.True(split.Code == 0, split.Err);
        var rows = DatasetFiles.Take(3).Sum(f => File.ReadLines(Path.Combine(resplit, f)).Count());
        var expected = File.ReadLines(Path.Combine(built, "train.jsonl")).Count() + File.ReadLines(Path.Combine(built, "test.jsonl")).Count();
        Assert.Equal(expected, rows);

        var clobber = CliRunner.Run("data", "split", "--in", Path.Combine(built, "train.jsonl"), "--out", built);
        Assert.Equal(1, clobber.Code);
        Assert.Contains("would be overwritten", clobber.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputIsOneClearLine()
    {
        var bad = Path.Combine(root, "bad.jsonl");
        File.WriteAllText(bad, "{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"normal\",\"source\":\"real\",\"lang\":\"en\",\"domains\":[\"ok.com\"]}\n{oops\n");
        var split = CliRunner.Run("data", "split", "--in", bad, "--out", Path.Combine(root, "out"));
        Assert.Equal(1, split.Code);
        Assert.StartsWith($"error: {bad}:2: ", split.Err, StringComparison.Ordinal);

        var noModel = CliRunner.Run("data", "synth", "--teacher", "http://127.0.0.1:9/v1", "--out", Path.Combine(root, "t"));
        Assert.Equal(1, noModel.Code);
        Assert.Contains("--model", noModel.Err, StringComparison.Ordinal);

        var both = CliRunner.Run("data", "synth", "--offline", "--teacher", "http://127.0.0.1:9/v1", "--model", "m");
        Assert.Equal(1, both.Code);

        var missingReal = CliRunner.Run("data", "synth", "--n", "10", "--real", Path.Combine(root, "none.jsonl"), "--out", Path.Combine(root, "r"));
        Assert.Equal(1, missingReal.Code);
        Assert.Contains("not found", missingReal.Err, StringComparison.Ordinal);

        var stats = CliRunner.Run("data", "stats", Path.Combine(root, "nothing-here"));
        Assert.Equal(1, stats.Code);
        Assert.Contains("not found", stats.Err, StringComparison.Ordinal);
    }
}

/// <summary><c>tailor data synth --teacher</c> against a local OpenAI-compatible server, over real HTTP.</summary>
[Collection("console")]
public sealed class DataTeacherCommandTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "tailor-teacher-" + Guid.NewGuid().ToString("N"));

    public DataTeacherCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task TeacherRowsAreWrittenSplitAndAStoppedJobResumes()
    {
        await using var server = await Tailor.Domains.Tests.Teacher.FakeTeacherServer.StartAsync();
        var output = Path.Combine(root, "teacher-data");
        string[] Synth(int n) => ["data", "synth", "--teacher", server.BaseUrl.ToString(), "--model", "fake-teacher",
            "--n", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "4", "--no-real", "--no-safety",
            "--concurrency", "2", "--out", output];

        var first = CliRunner.Run(Synth(3));
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(3, File.ReadLines(Path.Combine(output, "teacher.jsonl")).Count());
        var requestsAfterFirst = server.Requests;
        Assert.Equal(6, requestsAfterFirst);

        // Asking for 5 with the same seed finishes the job: only the 2 missing briefs are sent.
        var second = CliRunner.Run(Synth(5));
        Assert.True(second.Code == 0, second.Err);
        Assert.Equal(requestsAfterFirst + 4, server.Requests);
        var rows = new[] { "train.jsonl", "validation.jsonl", "test.jsonl" }.SelectMany(f => File.ReadLines(Path.Combine(output, f))).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Contains("\"source\":\"teacher:fake-teacher\"", r, StringComparison.Ordinal));
        Assert.Contains("Valid domains in raw output | 20/20 (100.0%)", File.ReadAllText(Path.Combine(output, "teacher.summary.md")), StringComparison.Ordinal);
    }
}
