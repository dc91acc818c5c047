using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Spectre.Console;
using Tailor.Domains;
using Tailor.Domains.Endpoints;
using Tailor.Domains.Suggestions;
using Tailor.Domains.Synthesis.Teacher;
using Tailor.Evaluation.Judges;
using Tailor.Evaluation.Metrics;
using Tailor.Evaluation.Running;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Store;
using Tailor.Evaluation.Suites;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor eval --suite FILE --suggester SPEC</c>: runs a suggester over a suite and writes <c>runs/ID/eval/</c>
/// (results.jsonl, metrics.json, report.md, report.html, plots), then records the run in the run store.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Where a repository checkout keeps the shipped suites: "--suite edge" means data/suites/edge.jsonl.</summary>
    public const string ShippedSuites = "data/suites";

    /// <summary>The metrics printed after a run, in this order (all are in the report).</summary>
    private static readonly string[] Headline =
    [
        MetricNames.Pass, MetricNames.ValidShare, MetricNames.Distinct, MetricNames.CountOk, MetricNames.FormatOk,
        MetricNames.Relevance, MetricNames.Brandability, MetricNames.EmbeddingCosine, MetricNames.NameHit, MetricNames.ReferenceHit, MetricNames.RubricOverall,
        MetricNames.LlmJudgeOverall, MetricNames.SafetyPass, MetricNames.FalseBlock, MetricNames.LatencyMs,
    ];

    public static Command Create()
    {
        var suite = new Option<string>("--suite") { Description = "Suite file (dataset JSONL), or a shipped suite: holdout, edge, safety, real", Required = true };
        var suggester = new Option<string>("--suggester") { Description = SuggesterSpec.Forms, DefaultValueFactory = _ => "baseline" };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: eval-SUITE-SUGGESTER-TIME)" };
        var runs = new Option<string>("--runs") { Description = "Folder of run directories", DefaultValueFactory = _ => "runs" };
        var store = new Option<string?>("--store") { Description = "Run store: a SQLite path or a PostgreSQL connection string (default: $TAILOR_RUN_STORE, else RUNS/tailor.db)" };
        var judge = new Option<string?>("--judge") { Description = "LLM judge endpoint: openai:" + EndpointSpec.Form };
        var embedder = new Option<string>("--embedder") { Description = "tfidf (lexical, default), none, or openai:" + EndpointSpec.Form, DefaultValueFactory = _ => "tfidf" };
        var concurrency = new Option<int>("--concurrency") { Description = "Suggester calls in flight", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds per case before it counts as a timeout", DefaultValueFactory = _ => 60 };
        var limit = new Option<int?>("--limit") { Description = "Only the first N cases (a smoke run)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap intervals", DefaultValueFactory = _ => 0 };
        var command = new Command("eval", "Evaluate a suggester on a suite: metrics with 95% CIs, failure taxonomy, report")
        {
            suite, suggester, runId, runs, store, judge, embedder, concurrency, timeout, limit, seed,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var evalSuite = EvalSuite.Read(ResolveSuite(parse.GetValue(suite)!));
            var chosen = SuggesterSpec.Parse(parse.GetValue(suggester)!);
            var runsDirectory = parse.GetValue(runs)!;
            var id = parse.GetValue(runId) ?? DefaultRunId(evalSuite.Name, chosen.Name);
            if (parse.GetValue(concurrency) < 1 || parse.GetValue(timeout) <= 0 || parse.GetValue(limit) is < 1)
            {
                throw new DomainDataException("--concurrency and --limit must be at least 1, --timeout above 0.");
            }
            var judgeEndpoint = parse.GetValue(judge) is { } judgeSpec ? JudgeEndpoint(judgeSpec) : null;
            using var judgeCache = judgeEndpoint is null ? null : JudgeCache.Open(Path.Combine(runsDirectory, "judge-cache.db"));
            var options = new EvalOptions
            {
                Concurrency = parse.GetValue(concurrency),
                CaseTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Limit = parse.GetValue(limit),
                Seed = parse.GetValue(seed),
                Scoring = new CaseScoringOptions { Embedder = Embedder(parse.GetValue(embedder)!, evalSuite) },
                Judge = judgeEndpoint is null ? null : Judge(judgeEndpoint, judgeCache!, parse.GetValue(seed)),
            };
            var runDirectory = Path.Combine(runsDirectory, id);
            var outcome = Run(new EvalRunner(chosen, options), evalSuite, id, runDirectory);

            using (var runStore = RunStoreFactory.Open(StoreConnection(parse.GetValue(store), runsDirectory)))
            {
                runStore.Save(EvalRunRecords.From(outcome.Info, outcome.Metrics, runDirectory));
            }
            Print(outcome);
        }));
        return command;
    }

    /// <summary>The run store to use: the option, else $TAILOR_RUN_STORE, else RUNS/tailor.db.</summary>
    public static string StoreConnection(string? option, string runsDirectory) =>
        option ?? Environment.GetEnvironmentVariable("TAILOR_RUN_STORE") ?? Path.Combine(runsDirectory, "tailor.db");

    private static string ResolveSuite(string suite)
    {
        if (File.Exists(suite))
        {
            return suite;
        }
        var shipped = Path.Combine(ShippedSuites, suite + ".jsonl");
        return File.Exists(shipped)
            ? shipped
            : throw new DomainDataException($"{suite}: no such suite file (nor {shipped}; run from the repository root for the shipped suites).");
    }

    private static string DefaultRunId(string suite, string suggester)
    {
        var slug = new string([.. suggester.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        return string.Create(CultureInfo.InvariantCulture, $"eval-{suite}-{slug}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
    }

    private static IEmbeddingGenerator<string, Embedding<float>>? Embedder(string spec, EvalSuite suite)
    {
        if (spec == "none")
        {
            return null;
        }
        if (spec == "tfidf")
        {
            // IDF from the suite's own descriptions: rare words weigh more, the same suite always gives the same vectors.
            return TfIdfEmbedder.Fit(suite.Cases.Select(c => c.Description));
        }
        if (spec.StartsWith("openai:", StringComparison.Ordinal))
        {
            var endpoint = EndpointSpec.Parse(spec["openai:".Length..], $"embedder '{spec}'");
            return EmbedderFactory.OpenAi(endpoint.BaseUrl, endpoint.Model, endpoint.ApiKey());
        }
        throw new DomainDataException($"embedder '{spec}' is not understood; use tfidf, none or openai:{EndpointSpec.Form}.");
    }

    /// <summary>The judge's endpoint from "openai:&lt;model&gt;@&lt;url&gt;".</summary>
    public static EndpointSpec JudgeEndpoint(string spec) => spec.StartsWith("openai:", StringComparison.Ordinal)
        ? EndpointSpec.Parse(spec["openai:".Length..], $"judge '{spec}'")
        : throw new DomainDataException($"judge '{spec}' is not understood; use openai:{EndpointSpec.Form}.");

    public static LlmJudge Judge(EndpointSpec endpoint, JudgeCache? cache, int seed)
    {
        var client = TeacherClientFactory.Create(endpoint.BaseUrl, endpoint.Model, endpoint.ApiKey(), TeacherRetryPolicy.Default, TimeSpan.FromSeconds(120));
        return new LlmJudge(client, new LlmJudgeOptions { Model = endpoint.Model, Cache = cache, Seed = seed });
    }

    private static EvalOutcome Run(EvalRunner runner, EvalSuite suite, string id, string runDirectory)
    {
        EvalOutcome? outcome = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var bar = context.AddTask($"eval {suite.Name}", maxValue: suite.Cases.Count);
                var progress = new SynchronousProgress<(int Done, int Total)>(p =>
                {
                    bar.MaxValue = p.Total;
                    bar.Value = p.Done;
                });
                outcome = runner.RunAsync(suite, id, runDirectory, progress).GetAwaiter().GetResult();
            });
        return outcome!;
    }

    private static void Print(EvalOutcome outcome)
    {
        var metrics = outcome.Metrics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Info.Suggester} on {outcome.Info.Suite}: {metrics.Cases} cases, {metrics.FailedCases} failed, {outcome.Info.DurationSeconds:F1} s"));
        Console.WriteLine("| metric | value | 95% CI | n |");
        Console.WriteLine("|---|---:|---|---:|");
        foreach (var name in Headline.Where(metrics.Overall.ContainsKey))
        {
            var m = metrics.Overall[name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {m.Mean:0.###} | [{m.Low:0.###}, {m.High:0.###}] | {m.N} |"));
        }
        foreach (var failure in metrics.Failures.Where(f => f.Count > 0).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"failure {failure.Label}: {failure.Count} cases ({failure.Frequency:P0} of failed)"));
        }
        if (outcome.JudgeUsage is { } usage)
        {
            Console.WriteLine($"judge: {usage.Requests} requests, {usage.CacheHits} cache hits, {usage.TotalTokens} tokens, {usage.Unjudged} unjudged");
        }
        Console.WriteLine($"report: {Path.Combine(outcome.EvalDirectory, "report.html")} (and report.md, metrics.json, results.jsonl)");
    }

    /// <summary>Reports on the caller's thread at once (Progress&lt;T&gt; would post to the thread pool and race the bar).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
