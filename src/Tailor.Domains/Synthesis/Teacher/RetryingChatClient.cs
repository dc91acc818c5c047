using Microsoft.Extensions.AI;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// Retries requests that failed for reasons that pass (429, 5xx, timeouts, broken connections) with exponential
/// backoff and seeded jitter, honouring Retry-After; stops at once, with a clear message, on errors that will not pass
/// (a refused key, a wrong URL or model, a rejected request). Counts its retries for the job summary.
/// </summary>
/// <remarks>Streaming requests are passed through unretried: a half-streamed answer cannot be replayed safely.</remarks>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly TeacherRetryPolicy _policy;
    private readonly Random _jitter;
    private readonly Lock _jitterLock = new();
    private int _retries;

    public RetryingChatClient(IChatClient innerClient, TeacherRetryPolicy policy)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.MaxAttempts, 1);
        _policy = policy;
        _jitter = new Random(policy.Seed);
    }

    /// <summary>Retries made so far, over all requests.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <exception cref="DomainDataException">The endpoint refused the request for good, or kept failing.</exception>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Each attempt sends the same messages, so the sequence must be replayable.
        var conversation = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        for (var attempt = 1; ; attempt++)
        {
            TeacherFailure failure;
            Exception error;
            try
            {
                return await base.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && TeacherFailure.Classify(e) is not null)
            {
                failure = TeacherFailure.Classify(e)!;
                error = e;
            }
            if (!failure.Retryable)
            {
                throw new DomainDataException(failure.Description, error);
            }
            if (attempt >= _policy.MaxAttempts)
            {
                throw new DomainDataException(
                    $"the endpoint still failed after {attempt} attempts: {failure.Description}", error);
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(DelayBefore(attempt, failure.RetryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    private TimeSpan DelayBefore(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked < _policy.MaxDelay ? asked : _policy.MaxDelay;
        }
        var backoff = _policy.BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        backoff = Math.Min(backoff, _policy.MaxDelay.TotalMilliseconds);
        double share;
        lock (_jitterLock)
        {
            share = _jitter.NextDouble();
        }
        // Half fixed, half random: spreads retries from parallel workers apart without ever retrying at once.
        return TimeSpan.FromMilliseconds(backoff * (0.5 + (0.5 * share)));
    }
}
