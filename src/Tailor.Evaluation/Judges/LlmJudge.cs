using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// Scores suggested domain lists with an LLM through <see cref="IChatClient"/> (build one with
/// <see cref="TeacherClientFactory.Create"/>, whose retrying client survives 429s and 5xx). The rubric is
/// <see cref="JudgePrompts"/>; an unusable answer is re-asked, saying what was wrong, up to
/// <see cref="LlmJudgeOptions.MaxAnswerAttempts"/> times, after which the case is unjudged (null) and counted.
/// Scores are cached by <see cref="JudgeCacheKey"/> when a <see cref="LlmJudgeOptions.Cache"/> is given.
/// </summary>
/// <remarks>
/// An endpoint that refuses the request for good, or keeps failing past the retry policy, fails the call: a judge
/// run with half its cases silently dropped would be worse than none.
/// </remarks>
public sealed class LlmJudge
{
    private readonly IChatClient _client;
    private readonly LlmJudgeOptions _options;
    private readonly RetryingChatClient? _retrying;
    private readonly int _retriesBefore;
    private long _promptTokens;
    private long _completionTokens;
    private int _requests;
    private int _cacheHits;
    private int _unjudged;

    public LlmJudge(IChatClient client, LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAnswerAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        _client = client;
        _options = options;
        _retrying = client.GetService<RetryingChatClient>();
        _retriesBefore = _retrying?.Retries ?? 0;
    }

    /// <summary>What this judge has cost so far.</summary>
    public JudgeUsage Usage => new(
        Interlocked.Read(ref _promptTokens),
        Interlocked.Read(ref _completionTokens),
        Volatile.Read(ref _requests),
        (_retrying?.Retries ?? 0) - _retriesBefore,
        Volatile.Read(ref _cacheHits),
        Volatile.Read(ref _unjudged));

    /// <summary>The order in which the judge is shown <paramref name="domains"/> for <paramref name="caseId"/>.</summary>
    public IReadOnlyList<string> ShownOrder(string caseId, IReadOnlyList<string> domains)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        ArgumentNullException.ThrowIfNull(domains);
        return _options.ShuffleSuggestions ? Shuffle(domains, ShuffleSeedFor(caseId)) : domains;
    }

    /// <summary>Scores one case's list; null when no usable answer came in the allowed attempts.</summary>
    /// <exception cref="Tailor.Domains.DomainDataException">The endpoint refused the request for good, or kept failing.</exception>
    public async Task<JudgeScore?> ScoreAsync(
        string caseId, string description, IReadOnlyList<string> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(domains);
        var shown = ShownOrder(caseId, domains);
        var key = JudgeCacheKey.For(JudgePrompts.Version, _options.Model, caseId, description, shown);
        if (_options.Cache?.TryGet(key) is { } cached)
        {
            Interlocked.Increment(ref _cacheHits);
            return cached;
        }

        var conversation = new List<ChatMessage>
        {
            new(ChatRole.System, JudgePrompts.System),
            new(ChatRole.User, JudgePrompts.User(description, shown)),
        };
        var chatOptions = new ChatOptions
        {
            Temperature = _options.Temperature,
            Seed = _options.Seed,
            ResponseFormat = _options.StructuredOutput switch
            {
                TeacherStructuredOutput.JsonSchema => ChatResponseFormat.ForJsonSchema(JudgePrompts.Schema, JudgePrompts.SchemaName),
                TeacherStructuredOutput.JsonObject => ChatResponseFormat.Json,
                _ => null,
            },
        };
        for (var attempt = 1; attempt <= _options.MaxAnswerAttempts; attempt++)
        {
            var response = await _client.GetResponseAsync(conversation, chatOptions, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _promptTokens, response.Usage?.InputTokenCount ?? 0);
            Interlocked.Add(ref _completionTokens, response.Usage?.OutputTokenCount ?? 0);
            var answer = JudgeAnswerReader.Read(response.Text);
            if (answer.Score is { } score)
            {
                _options.Cache?.Put(key, score);
                return score;
            }
            conversation.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            conversation.Add(new ChatMessage(ChatRole.User, JudgePrompts.Retry(answer.Problem!)));
        }
        Interlocked.Increment(ref _unjudged);
        return null;
    }

    /// <summary>
    /// Scores <paramref name="items"/>, at most <see cref="LlmJudgeOptions.Concurrency"/> at once; the result lines up
    /// with the items (null where unjudged). <paramref name="progress"/> hears the number of items done so far.
    /// </summary>
    public async Task<IReadOnlyList<JudgeScore?>> ScoreManyAsync(
        IReadOnlyList<JudgeItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var scores = new JudgeScore?[items.Count];
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), parallel, async (index, token) =>
        {
            var item = items[index];
            scores[index] = await ScoreAsync(item.CaseId, item.Description, item.Domains, token).ConfigureAwait(false);
            progress?.Report(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
        return scores;
    }

    /// <summary>A seed per case from the shuffle seed and a stable hash of the case id (string.GetHashCode is not stable).</summary>
    private int ShuffleSeedFor(string caseId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(caseId));
        return _options.ShuffleSeed ^ BinaryPrimitives.ReadInt32LittleEndian(hash);
    }

    /// <summary>A Fisher-Yates shuffle of a copy.</summary>
    private static List<string> Shuffle(IReadOnlyList<string> domains, int seed)
    {
        var random = new Random(seed);
        var shuffled = domains.ToList();
        for (var i = shuffled.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }
        return shuffled;
    }
}
