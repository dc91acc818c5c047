using System.Text.Json;
using Microsoft.Extensions.AI;
using Tailor.Domains.Data;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// Writes domain-name training rows with a teacher LLM: per seeded <see cref="TeacherBrief"/>, it asks for a fictional
/// business and its description, then for 10 domains for that description, best first. Unusable answers are re-asked;
/// repeated companies are dropped. The output file is append-only and the job resumable: a rerun with the same
/// options writes only the briefs the file still lacks.
/// </summary>
public sealed class TeacherSynthesizer
{
    /// <summary>Rows are grouped by company: "teacher:" plus the company key.</summary>
    private const string GroupPrefix = "teacher:";

    private readonly IChatClient _client;
    private readonly TeacherOptions _options;

    public TeacherSynthesizer(IChatClient client, TeacherOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAnswerAttempts, 1);
        if (options.TokenBudget is { } budget)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        }
        _client = client;
        _options = options;
    }

    /// <summary>Runs the job, appending rows to <paramref name="outputPath"/>.</summary>
    /// <exception cref="DomainDataException">The endpoint refused the job or kept failing; rows written so far stay.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; rows written so far stay, and a rerun resumes.</exception>
    public async Task<TeacherRunSummary> RunAsync(
        string outputPath, IProgress<TeacherProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var done = LoadExisting(outputPath, out var companies, out var descriptions);
        var pending = TeacherBriefs.Create(_options.Seed, _options.Count).Where(b => !done.Contains(b.Id)).ToList();
        var skipped = _options.Count - pending.Count;
        var tally = new TeacherTally();
        var retrying = _client.GetService<RetryingChatClient>();
        var retriesBefore = retrying?.Retries ?? 0;
        var budgetExhausted = false;

        using (var file = DomainDatasetFile.OpenAppend(outputPath))
        {
            var rows = new TeacherRowWriter(file, companies, descriptions, (settled, written) =>
                progress?.Report(new TeacherProgress(skipped + settled, _options.Count, written, tally.TotalTokens)));
            progress?.Report(new TeacherProgress(skipped, _options.Count, 0, 0));

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count), parallel, async (position, token) =>
            {
                TeacherBriefOutcome outcome;
                if (_options.TokenBudget is { } budget && tally.TotalTokens >= budget)
                {
                    budgetExhausted = true;
                    outcome = TeacherBriefOutcome.NotStarted;
                }
                else
                {
                    outcome = await RunBriefAsync(pending[position], tally, rows, token).ConfigureAwait(false);
                }
                rows.Complete(position, outcome);
            }).ConfigureAwait(false);

            return new TeacherRunSummary(
                Written: rows.Written,
                SkippedAlreadyDone: skipped,
                Failed: rows.Failed,
                Duplicates: rows.Duplicates,
                NotStarted: rows.NotStarted,
                Retries: (retrying?.Retries ?? 0) - retriesBefore,
                PromptTokens: tally.PromptTokens,
                CompletionTokens: tally.CompletionTokens,
                BudgetExhausted: budgetExhausted,
                RawDomains: tally.RawDomains,
                ValidRawDomains: tally.ValidRawDomains,
                StrictJsonAnswers: tally.StrictAnswers,
                TotalAnswers: tally.Answers);
        }
    }

    /// <summary>The ids already in the file, and its companies and descriptions for the duplicate check.</summary>
    private static HashSet<string> LoadExisting(string path, out HashSet<string> companies, out HashSet<string> descriptions)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        companies = new HashSet<string>(StringComparer.Ordinal);
        descriptions = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return ids;
        }
        // Opening for append cuts a torn last line (a killed run) that reading would reject.
        using (DomainDatasetFile.OpenAppend(path))
        {
        }
        foreach (var row in DomainDatasetFile.Read(path))
        {
            ids.Add(row.Id);
            descriptions.Add(TeacherKeys.Description(row.Description));
            if (row.Group.StartsWith(GroupPrefix, StringComparison.Ordinal))
            {
                companies.Add(row.Group[GroupPrefix.Length..]);
            }
        }
        return ids;
    }

    /// <summary>Step 1 (the business), the early duplicate check, then step 2 (its domains).</summary>
    private async Task<TeacherBriefOutcome> RunBriefAsync(
        TeacherBrief brief, TeacherTally tally, TeacherRowWriter rows, CancellationToken cancellationToken)
    {
        var company = await AskAsync(
            TeacherPrompts.Company(brief), TeacherPrompts.CompanySchema, "company", RequestSeed(brief, 0),
            TeacherAnswerReader.ReadCompany, tally, cancellationToken).ConfigureAwait(false);
        if (company is null)
        {
            return TeacherBriefOutcome.Failed;
        }
        var companyKey = TeacherKeys.Company(company.CompanyName);
        var descriptionKey = TeacherKeys.Description(company.Description);
        if (rows.IsKnown(companyKey, descriptionKey))
        {
            return TeacherBriefOutcome.Duplicate;
        }
        var domains = await AskAsync(
            TeacherPrompts.Domains(brief, company.Description), TeacherPrompts.DomainsSchema, "domains",
            RequestSeed(brief, 1), TeacherAnswerReader.ReadDomains, tally, cancellationToken).ConfigureAwait(false);
        if (domains is null)
        {
            return TeacherBriefOutcome.Failed;
        }
        var row = new DomainExample
        {
            Id = brief.Id,
            Group = GroupPrefix + companyKey,
            Description = company.Description,
            Domains = domains,
            Kind = ExampleKinds.Normal,
            Source = ExampleSources.Teacher(_options.Model),
            Lang = brief.Language,
        };
        var problem = DomainExampleRules.Problem(row);
        return problem is null
            ? new TeacherBriefOutcome(TeacherBriefOutcome.Ending.Candidate, row, companyKey, descriptionKey)
            : throw new InvalidOperationException($"{brief.Id}: a checked answer made an unsound row: {problem}");
    }

    /// <summary>Asks one step, re-asking with the problem spelled out until an answer is usable or attempts run out.</summary>
    private async Task<T?> AskAsync<T>(
        string prompt, JsonElement schema, string schemaName, long seed,
        Func<string, TeacherAnswer<T>> read, TeacherTally tally, CancellationToken cancellationToken)
        where T : class
    {
        var conversation = new List<ChatMessage> { new(ChatRole.System, TeacherPrompts.System), new(ChatRole.User, prompt) };
        var options = new ChatOptions { Seed = seed, ResponseFormat = ResponseFormat(schema, schemaName) };
        for (var attempt = 1; attempt <= _options.MaxAnswerAttempts; attempt++)
        {
            var response = await _client.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
            tally.AddUsage(response.Usage);
            var answer = read(response.Text);
            tally.AddAnswer(answer);
            if (answer.Value is not null)
            {
                return answer.Value;
            }
            conversation.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            conversation.Add(new ChatMessage(ChatRole.User, TeacherPrompts.Retry(answer.Problem!)));
        }
        return null;
    }

    private ChatResponseFormatJson? ResponseFormat(JsonElement schema, string schemaName) => _options.StructuredOutput switch
    {
        TeacherStructuredOutput.JsonSchema => ChatResponseFormat.ForJsonSchema(schema, schemaName),
        TeacherStructuredOutput.JsonObject => ChatResponseFormat.Json,
        _ => null,
    };

    /// <summary>A sampling seed per brief and step, for endpoints that honour one.</summary>
    private long RequestSeed(TeacherBrief brief, int step) =>
        ((long)_options.Seed * 1_000_003) + (brief.Index * 2L) + step;
}
