using System.Diagnostics;
using System.Globalization;
using Tailor.Domains.Suggestions;
using Tailor.Evaluation.Judges;
using Tailor.Evaluation.Metrics;
using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;
using Tailor.Evaluation.Statistics;
using Tailor.Evaluation.Suites;

namespace Tailor.Evaluation.Running;

/// <summary>
/// Runs one suggester over one suite: every case is asked (a crash or timeout is a measured failure, never the end of
/// the run), scored (<see cref="CaseScorer"/>), optionally judged by an LLM, summarised with confidence intervals
/// (<see cref="SuiteMetrics"/>) and reported into <c>RUN/eval/</c> (<see cref="EvalReport"/>).
/// </summary>
public sealed class EvalRunner
{
    private readonly IDomainSuggester _suggester;
    private readonly EvalOptions _options;

    public EvalRunner(IDomainSuggester suggester, EvalOptions options)
    {
        ArgumentNullException.ThrowIfNull(suggester);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        _suggester = suggester;
        _options = options;
    }

    /// <summary>Evaluates <paramref name="suite"/> and writes the report into <c><paramref name="runDirectory"/>/eval</c>.</summary>
    /// <param name="progress">Hears (cases done, cases in all) as cases finish.</param>
    public async Task<EvalOutcome> RunAsync(
        EvalSuite suite, string runId, string runDirectory, IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var cases = _options.Limit is { } limit ? suite.Cases.Take(limit).ToList() : [.. suite.Cases];
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        var results = new CaseResult[cases.Count];
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), parallel, async (i, token) =>
        {
            results[i] = await RunCaseAsync(cases[i], token).ConfigureAwait(false);
            progress?.Report((Interlocked.Increment(ref done), cases.Count));
        }).ConfigureAwait(false);

        JudgeUsage? judgeUsage = null;
        if (_options.Judge is { } judge)
        {
            judgeUsage = await JudgeAsync(judge, results, cancellationToken).ConfigureAwait(false);
        }

        var metrics = SuiteMetrics.Compute(results, _options.Seed);
        var info = new EvalRunInfo
        {
            RunId = runId,
            Suite = suite.Name,
            Suggester = _suggester.Name,
            Settings = Settings(),
            Seed = _options.Seed,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            DurationSeconds = clock.Elapsed.TotalSeconds,
            MeanCaseMilliseconds = results.Length == 0 ? 0 : results.Average(r => r.Metrics.GetValueOrDefault(MetricNames.LatencyMs)),
            CaseCount = results.Length,
        };
        var evalDirectory = Path.Combine(runDirectory, "eval");
        EvalReport.Write(evalDirectory, info, results, metrics);
        return new EvalOutcome(info, results, metrics, evalDirectory, judgeUsage);
    }

    /// <summary>Asks and scores one case; the suggester's crash or timeout becomes the case's result.</summary>
    private async Task<CaseResult> RunCaseAsync(EvalCase evalCase, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.CaseTimeout);
        CaseResult result;
        var tokens = 0;
        try
        {
            var request = new SuggestionRequest(evalCase.Description) { Count = _options.Scoring.ExpectedCount };
            var answer = await _suggester.SuggestAsync(request, limit.Token).ConfigureAwait(false);
            clock.Stop();
            tokens = answer.PromptTokens + answer.CompletionTokens;
            result = await CaseScorer.ScoreAsync(evalCase, answer, _options.Scoring, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = CaseScorer.Error(evalCase, string.Create(CultureInfo.InvariantCulture,
                $"timed out after {_options.CaseTimeout.TotalSeconds:0.#} s"));
        }
#pragma warning disable CA1031 // Whatever the suggester throws is a measured failure of this case, not of the run.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            result = CaseScorer.Error(evalCase, $"{e.GetType().Name}: {e.Message}");
        }
        var metrics = new Dictionary<string, double>(result.Metrics)
        {
            [MetricNames.LatencyMs] = clock.Elapsed.TotalMilliseconds,
        };
        if (tokens > 0)
        {
            metrics[MetricNames.Tokens] = tokens;
        }
        return result with { Metrics = metrics };
    }

    /// <summary>Adds the LLM judge's llm_judge_* metrics to every answered case, in place.</summary>
    private static async Task<JudgeUsage> JudgeAsync(LlmJudge judge, CaseResult[] results, CancellationToken cancellationToken)
    {
        var answered = Enumerable.Range(0, results.Length)
            .Where(i => results[i].Status == CaseScorer.StatusSuccess && results[i].Suggestions.Count > 0)
            .ToList();
        var items = answered
            .Select(i => new JudgeItem(results[i].CaseId, results[i].Description, [.. results[i].Suggestions.Select(s => s.Domain)]))
            .ToList();
        var scores = await judge.ScoreManyAsync(items, null, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < answered.Count; k++)
        {
            if (scores[k] is not { } score)
            {
                continue;
            }
            var i = answered[k];
            var metrics = new Dictionary<string, double>(results[i].Metrics);
            foreach (var (name, value) in score.ToMetrics())
            {
                metrics[name] = value;
            }
            results[i] = results[i] with { Metrics = metrics };
        }
        return judge.Usage;
    }

    private Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>(_suggester.Settings, StringComparer.Ordinal);
        if (_options.Judge is not null)
        {
            settings["judge"] = "llm";
        }
        return settings;
    }
}
