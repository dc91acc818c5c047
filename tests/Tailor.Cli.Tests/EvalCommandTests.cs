using System.Text.Json;

namespace Tailor.Cli.Tests;

/// <summary><c>tailor eval</c>, <c>compare</c> and <c>runs</c> end to end on the shipped suites, in-process.</summary>
[Collection("console")]
public sealed class EvalCommandTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "tailor-eval-" + Guid.NewGuid().ToString("N"));

    public EvalCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    static string Suite(string name) => Path.Combine(RepositoryFiles.Root(), "data", "suites", name + ".jsonl");

    [Fact]
    public void EvalWritesTheReportAndRecordsTheRunAndCompareTestsTwoRuns()
    {
        var runs = Path.Combine(root, "runs");
        var first = CliRunner.Run("eval", "--suite", Suite("safety"), "--suggester", "baseline", "--runs", runs, "--run-id", "a", "--limit", "60");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("| safety_pass |", first.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "results.jsonl", "metrics.json", "run.json", "report.md", "report.html", "pass_by_category.png" })
            Assert.True(new FileInfo(Path.Combine(runs, "a", "eval", file)).Length > 0, file);
        Assert.Equal(60, File.ReadLines(Path.Combine(runs, "a", "eval", "results.jsonl")).Count());
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs, "a", "eval", "metrics.json"))))
            Assert.Equal(60, metrics.RootElement.GetProperty("cases").GetInt32());
        Assert.Contains("<img", File.ReadAllText(Path.Combine(runs, "a", "eval", "report.html")), StringComparison.Ordinal);

        var second = CliRunner.Run("eval", "--suite", Suite("safety"), "--runs", runs, "--run-id", "b", "--limit", "60", "--embedder", "none");
        Assert.True(second.Code == 0, second.Err);

        var compare = CliRunner.Run("compare", "a", "b", "--runs", runs, "--out", Path.Combine(root, "cmp.md"));
        Assert.True(compare.Code == 0, compare.Err);
        Assert.Contains("| a (baseline) |", compare.Out, StringComparison.Ordinal);
        Assert.Contains("Keep the baseline", compare.Out, StringComparison.Ordinal);
        Assert.Equal(compare.Out.Split("\nwritten to")[0].TrimEnd(), File.ReadAllText(Path.Combine(root, "cmp.md")).TrimEnd());

        var list = CliRunner.Run("runs", "list", "--runs", runs);
        Assert.True(list.Code == 0, list.Err);
        Assert.Contains("2 runs", list.Out, StringComparison.Ordinal);
        var show = CliRunner.Run("runs", "show", "a", "--runs", runs);
        Assert.True(show.Code == 0, show.Err);
        Assert.Contains("| safety_pass | * |", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputIsOneClearLine()
    {
        var runs = Path.Combine(root, "runs");
        var noSuite = CliRunner.Run("eval", "--suite", Path.Combine(root, "missing.jsonl"), "--runs", runs);
        Assert.Equal(1, noSuite.Code);
        Assert.Contains("no such suite", noSuite.Err, StringComparison.Ordinal);

        var badSuggester = CliRunner.Run("eval", "--suite", Suite("safety"), "--suggester", "magic", "--runs", runs);
        Assert.Equal(1, badSuggester.Code);
        Assert.Contains("accepted forms", badSuggester.Err, StringComparison.Ordinal);

        var badJudge = CliRunner.Run("eval", "--suite", Suite("safety"), "--judge", "gpt", "--runs", runs, "--limit", "1");
        Assert.Equal(1, badJudge.Code);
        Assert.Contains("judge 'gpt'", badJudge.Err, StringComparison.Ordinal);

        var noRun = CliRunner.Run("compare", "nothing-here", "--runs", runs);
        Assert.Equal(1, noRun.Code);
        Assert.Contains("no evaluation run", noRun.Err, StringComparison.Ordinal);

        var noStore = CliRunner.Run("runs", "list", "--runs", Path.Combine(root, "empty"));
        Assert.Equal(1, noStore.Code);
        Assert.Contains("no run store yet", noStore.Err, StringComparison.Ordinal);
    }
}

/// <summary><c>tailor eval --judge</c> and <c>tailor judge check</c> against a local OpenAI-compatible judge, over real HTTP.</summary>
[Collection("console")]
public sealed class JudgeCommandTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "tailor-judge-" + Guid.NewGuid().ToString("N"));

    public JudgeCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task AJudgedRunAndAJudgeCheckFindThePlantedPositionBias()
    {
        await using var server = await Tailor.Evaluation.Tests.Judges.FakeJudgeServer.StartAsync();
        server.Respond = Tailor.Evaluation.Tests.Judges.FakeJudgeServer.FirstDomainReply;
        var runs = Path.Combine(root, "runs");
        var suite = Path.Combine(RepositoryFiles.Root(), "data", "suites", "holdout.jsonl");
        var judge = $"openai:fake-judge@{server.BaseUrl}";

        var eval = CliRunner.Run("eval", "--suite", suite, "--runs", runs, "--run-id", "judged", "--limit", "12", "--judge", judge);
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Contains("| llm_judge_overall |", eval.Out, StringComparison.Ordinal);
        var requests = server.Requests;
        var answered = File.ReadLines(Path.Combine(runs, "judged", "eval", "results.jsonl"))
            .Count(l => l.Contains("\"status\":\"success\"", StringComparison.Ordinal));
        Assert.Equal(answered, requests);

        // A second judged run of the same cases is served from the judge cache.
        var again = CliRunner.Run("eval", "--suite", suite, "--runs", runs, "--run-id", "judged-again", "--limit", "12", "--judge", judge);
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(requests, server.Requests);

        var check = CliRunner.Run("judge", "check", "--run", "judged", "--runs", runs, "--judge", judge, "--repeats", "2");
        Assert.True(check.Code == 0, check.Err);
        var report = File.ReadAllText(Path.Combine(runs, "judged", "eval", "judge-validation.md"));
        Assert.Contains("rubric judge", report, StringComparison.Ordinal);
        Assert.Contains("| llm judge | rubric judge | 11 |".Replace("11", answered.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), report, StringComparison.Ordinal);
        // The fake judge reads only the first name shown: shuffling the order changes most scores.
        var bias = System.Text.RegularExpressions.Regex.Match(report, @"\| \d+ \| [0-9.]+ \| -?[0-9.]+ \| ([0-9.]+)% \|");
        Assert.True(bias.Success, report);
        Assert.True(double.Parse(bias.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 40, report);
        // It is deterministic, so repeated scoring agrees with itself.
        Assert.Contains("| 2 | " + answered.ToString(System.Globalization.CultureInfo.InvariantCulture) + " | 0.000 | 100.0% |", report, StringComparison.Ordinal);
    }
}

/// <summary><c>tailor suggest</c>, single and batch, with the default suggester: the guard in front of the shipped model.</summary>
[Collection("console")]
public sealed class SuggestCommandTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "tailor-suggest-" + Guid.NewGuid().ToString("N"));
    readonly string previous = Directory.GetCurrentDirectory();

    // The default suggester finds the models at models/guard and models/domains, as from a checkout's root.
    public SuggestCommandTests()
    {
        Directory.CreateDirectory(root);
        Directory.SetCurrentDirectory(RepositoryFiles.Root());
    }

    public void Dispose()
    {
        Directory.SetCurrentDirectory(previous);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void ADescriptionGetsTenRankedNamesAndAnUnsafeOneIsBlocked()
    {
        var ok = CliRunner.Run("suggest", "A bakery in Lyon selling sourdough");
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Equal(10, ok.Out.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| \d+ \| [a-z0-9.-]+ \| [01]\.\d\d \|$")));

        var blocked = CliRunner.Run("suggest", "an online shop selling c0caine");
        Assert.True(blocked.Code == 0, blocked.Err);
        Assert.StartsWith("blocked: Request contains inappropriate content", blocked.Out, StringComparison.Ordinal);

        Assert.Equal(1, CliRunner.Run("suggest", "").Code);
        Assert.Equal(1, CliRunner.Run("suggest", new string('a', 2001)).Code);
    }

    [Fact]
    public void ABatchFileIsAnsweredLineByLineAndABadLineIsNamed()
    {
        var input = Path.Combine(root, "in.jsonl");
        var output = Path.Combine(root, "out.jsonl");
        File.WriteAllText(input, "{\"id\":\"a\",\"description\":\"A wine shop in Bordeaux\",\"options\":{\"count\":3}}\n\n{\"id\":2,\"description\":\"a forum for hate speech against refugees\"}\n");
        var run = CliRunner.Run("suggest", "--in", input, "--out", output);
        Assert.True(run.Code == 0, run.Err);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2, lines.Length);
        using (var first = System.Text.Json.JsonDocument.Parse(lines[0]))
        {
            Assert.Equal("success", first.RootElement.GetProperty("status").GetString());
            Assert.Equal(3, first.RootElement.GetProperty("suggestions").GetArrayLength());
        }
        Assert.Contains("\"id\":\"2\",\"status\":\"blocked\"", lines[1], StringComparison.Ordinal);

        File.WriteAllText(input, "{\"id\":\"a\",\"description\":\"ok\"}\n{\"id\":\"b\"}\n");
        var bad = CliRunner.Run("suggest", "--in", input, "--out", output);
        Assert.Equal(1, bad.Code);
        Assert.StartsWith($"error: {input}:2: ", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionFlagsReachTheSuggester()
    {
        var run = CliRunner.Run("suggest", "A bakery in Lyon selling sourdough", "--suggester", "baseline", "--tlds", "io, .CO.UK", "--max-length", "6",
            "--exclude", "get,hq", "--style", "keyword", "--include", "levain", "--language", "fr");

        Assert.True(run.Code == 0, run.Err);
        var domains = System.Text.RegularExpressions.Regex.Matches(run.Out, @"^\| \d+ \| ([a-z0-9.-]+) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, domains.Count);
        Assert.All(domains, d => Assert.Matches(@"^[a-z0-9-]{1,6}\.(io|co\.uk)$", d));
        Assert.All(domains, d => Assert.DoesNotContain("get", d, StringComparison.Ordinal));
        Assert.All(domains, d => Assert.DoesNotContain("hq", d, StringComparison.Ordinal));
        Assert.Equal("levain.io", domains[0]);

        var bad = CliRunner.Run("suggest", "A bakery", "--suggester", "baseline", "--max-length", "64");
        Assert.Equal(1, bad.Code);
        Assert.Contains("'max_length' is 64", bad.Err, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("suggest", "A bakery", "--suggester", "baseline", "--tlds", "zz").Code);
        Assert.Equal(1, CliRunner.Run("suggest", "A bakery", "--suggester", "baseline", "--style", "fancy").Code);
    }

    [Fact]
    public void JsonlOptionsTakeTheApiKeysAndOverrideTheFlagsKeyByKey()
    {
        var input = Path.Combine(root, "in.jsonl");
        var output = Path.Combine(root, "out.jsonl");
        File.WriteAllText(input,
            "{\"id\":\"a\",\"description\":\"A bakery in Lyon selling sourdough\",\"options\":{\"count\":4,\"tlds\":[\"co.uk\"],\"max_length\":7,\"style\":\"short\",\"include\":[\"pain\"],\"exclude\":[\"bakery\"],\"language\":\"fr\"}}\n" +
            "{\"id\":\"b\",\"description\":\"A bakery in Lyon selling sourdough\"}\n");

        var run = CliRunner.Run("suggest", "--in", input, "--out", output, "--suggester", "baseline", "--tlds", "io", "--count", "3");

        Assert.True(run.Code == 0, run.Err);
        var lines = File.ReadAllLines(output);
        List<string> Domains(string line)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            return document.RootElement.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("domain").GetString()!).ToList();
        }
        var first = Domains(lines[0]);
        Assert.Equal(4, first.Count);
        Assert.All(first, d => Assert.Matches(@"^[a-z0-9-]{1,7}\.co\.uk$", d));
        Assert.All(first, d => Assert.DoesNotContain("bakery", d, StringComparison.Ordinal));
        Assert.Equal("pain.co.uk", first[0]);
        var second = Domains(lines[1]);
        Assert.Equal(3, second.Count);
        Assert.All(second, d => Assert.EndsWith(".io", d, StringComparison.Ordinal));

        foreach (var (options, message) in new[]
        {
            ("{\"max_length\":0}", "'max_length' is 0"),
            ("{\"tlds\":\"com\"}", "'tlds' must be an array of strings"),
            ("{\"style\":\"fancy\"}", "'style' is 'fancy'"),
            ("{\"colour\":\"blue\"}", "unknown field 'colour'"),
            ("{\"count\":21}", "'count' is 21"),
            ("[1]", "'options' must be a JSON object"),
        })
        {
            File.WriteAllText(input, "{\"id\":\"a\",\"description\":\"ok\"}\n{\"id\":\"b\",\"description\":\"ok\",\"options\":" + options + "}\n");
            var bad = CliRunner.Run("suggest", "--in", input, "--out", output, "--suggester", "baseline");
            Assert.Equal(1, bad.Code);
            Assert.StartsWith($"error: {input}:2: ", bad.Err, StringComparison.Ordinal);
            Assert.Contains(message, bad.Err, StringComparison.Ordinal);
        }
    }
}
