using System.CommandLine;
using Tailor.Domains;
using Tailor.Domains.Synthesis.Teacher;
using Tailor.Evaluation.Judges;
using Tailor.Evaluation.Metrics;
using Tailor.Evaluation.Reports;
using Tailor.Evaluation.Scoring;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor judge check --run RUN --judge SPEC</c>: how far an LLM judge can be trusted on a run's answered cases:
/// agreement with the rubric judge and with human labels (Spearman, Cohen's kappa), position bias (shuffled name
/// order) and self-consistency (repeated scoring). Written to <c>RUN/eval/judge-validation.md</c>.
/// </summary>
internal static class JudgeCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Evaluation run directory (or id under --runs)", Required = true };
        var runs = new Option<string>("--runs") { Description = "Folder of run directories", DefaultValueFactory = _ => "runs" };
        var judge = new Option<string>("--judge") { Description = "LLM judge endpoint: openai:<model>[@<base-url>][;key-env=VAR]", Required = true };
        var human = new Option<string?>("--human") { Description = "Human labels, JSONL {\"case_id\",\"overall\"} (1-5)" };
        var repeats = new Option<int>("--repeats") { Description = "Self-consistency: score every case this many times (0 to skip)", DefaultValueFactory = _ => 3 };
        var limit = new Option<int>("--limit") { Description = "Check at most this many answered cases", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffles and repeats", DefaultValueFactory = _ => 0 };
        var check = new Command("check", "Validate an LLM judge: agreement, position bias, self-consistency") { run, runs, judge, human, repeats, limit, seed };
        check.SetAction(parse => CliErrors.Run(() =>
        {
            var directory = RunFolders.FindEval(parse.GetValue(run)!, parse.GetValue(runs)!);
            var loaded = EvalRun.Read(directory);
            var answered = loaded.Results
                .Where(r => r.Status == CaseScorer.StatusSuccess && r.Suggestions.Count > 0)
                .Take(Math.Max(1, parse.GetValue(limit)))
                .ToList();
            if (answered.Count == 0)
            {
                throw new DomainDataException($"{directory}: the run has no answered cases to judge.");
            }
            if (parse.GetValue(repeats) is 1 or < 0)
            {
                throw new DomainDataException("--repeats must be 0 (skip) or at least 2.");
            }
            var items = answered.Select(r => new JudgeItem(r.CaseId, r.Description, [.. r.Suggestions.Select(s => s.Domain)])).ToList();
            var endpoint = EvalCommand.JudgeEndpoint(parse.GetValue(judge)!);
            using var client = TeacherClientFactory.Create(endpoint.BaseUrl, endpoint.Model, endpoint.ApiKey(), TeacherRetryPolicy.Default, TimeSpan.FromSeconds(120));
            var options = new LlmJudgeOptions { Model = endpoint.Model, Seed = parse.GetValue(seed), ShuffleSeed = parse.GetValue(seed) };

            var bias = PositionBias.CheckAsync(client, options, items).GetAwaiter().GetResult();
            var llm = JudgeAgreement.OverallByCase(items, new LlmJudge(client, options).ScoreManyAsync(items).GetAwaiter().GetResult());
            // The rubric judge scores on a continuous 1-5 scale; rounded, it is a second rater on the same scale.
            var rubric = answered.Where(r => r.Metrics.ContainsKey(MetricNames.RubricOverall))
                .ToDictionary(r => r.CaseId, r => (int)Math.Round(r.Metrics[MetricNames.RubricOverall]), StringComparer.Ordinal);
            var agreements = new List<AgreementResult> { JudgeAgreement.Compare("llm judge", llm, "rubric judge", rubric) };
            if (parse.GetValue(human) is { } labels)
            {
                agreements.Add(JudgeAgreement.Compare("llm judge", llm, "human", HumanLabels.Read(labels)));
            }
            var consistency = parse.GetValue(repeats) >= 2
                ? SelfConsistency.CheckAsync(client, options with { Temperature = 0.7f }, items, parse.GetValue(repeats)).GetAwaiter().GetResult()
                : null;

            var report = new JudgeValidationReport(JudgePrompts.Version, endpoint.Model, agreements, bias, consistency).ToMarkdown();
            var path = Path.Combine(directory, "judge-validation.md");
            File.WriteAllText(path, report);
            Console.WriteLine(report);
            Console.WriteLine($"written to {path}");
        }));
        return new Command("judge", "LLM-judge tools") { check };
    }
}
