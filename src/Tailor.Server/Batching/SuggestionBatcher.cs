using System.Diagnostics;
using System.Threading.Channels;
using Tailor.Domains.Suggestions;

namespace Tailor.Server.Batching;

/// <summary>
/// Groups concurrent requests for an <see cref="IBatchDomainSuggester"/>: the first waiting request opens a batch,
/// which closes after <c>window</c> or at <c>maxBatch</c> requests, whichever comes first, and goes to the suggester
/// whole. Up to <c>maxConcurrentBatches</c> batches run at once; later ones wait for a free slot (and keep filling).
/// </summary>
public sealed class SuggestionBatcher : IAsyncDisposable
{
    private readonly IBatchDomainSuggester _suggester;
    private readonly int _maxBatch;
    private readonly TimeSpan _window;
    private readonly Action<int>? _batchObserved;
    private readonly Channel<PendingSuggestion> _queue = Channel.CreateUnbounded<PendingSuggestion>(new() { SingleReader = true });
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _running;

    /// <param name="batchObserved">Told each batch's size as it goes to the suggester (for metrics).</param>
    public SuggestionBatcher(IBatchDomainSuggester suggester, int maxBatch, TimeSpan window, int maxConcurrentBatches = 1, Action<int>? batchObserved = null)
    {
        ArgumentNullException.ThrowIfNull(suggester);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentBatches, 1);
        _suggester = suggester;
        _maxBatch = maxBatch;
        _window = window;
        _batchObserved = batchObserved;
        _slots = new SemaphoreSlim(maxConcurrentBatches, maxConcurrentBatches);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The suggester's answer to <paramref name="request"/>, once its batch has run.</summary>
    /// <exception cref="ObjectDisposedException">The batcher is shutting down.</exception>
    public async Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pending = new PendingSuggestion(request, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return await pending.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping while waiting: expected.
        }
        while (_queue.Reader.TryRead(out var left))
        {
            left.Answer.TrySetException(new ObjectDisposedException(nameof(SuggestionBatcher)));
        }
        // Let running batches finish so their callers get answers.
        while (Volatile.Read(ref _running) > 0)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task LoopAsync()
    {
        var stop = _stopping.Token;
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
        {
            var batch = new List<PendingSuggestion>(_maxBatch);
            var opened = Stopwatch.GetTimestamp();
            while (batch.Count < _maxBatch)
            {
                if (reader.TryRead(out var next))
                {
                    batch.Add(next);
                    continue;
                }
                var left = _window - Stopwatch.GetElapsedTime(opened);
                if (left <= TimeSpan.Zero || !await WaitForMoreAsync(reader, left, stop).ConfigureAwait(false))
                {
                    break;
                }
            }
            try
            {
                await _slots.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                batch.ForEach(p => p.Answer.TrySetException(new ObjectDisposedException(nameof(SuggestionBatcher))));
                throw;
            }
            Interlocked.Increment(ref _running);
            _ = RunAsync(batch);
        }
    }

    /// <summary>Whether another request arrived within <paramref name="left"/>.</summary>
    private static async Task<bool> WaitForMoreAsync(ChannelReader<PendingSuggestion> reader, TimeSpan left, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(left);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RunAsync(List<PendingSuggestion> batch)
    {
        try
        {
            // Callers that gave up while waiting are dropped rather than computed for nobody.
            var live = batch.Where(p => !p.CallerToken.IsCancellationRequested).ToList();
            if (live.Count == 0)
            {
                return;
            }
            _batchObserved?.Invoke(live.Count);
            try
            {
                var results = await _suggester.SuggestBatchAsync(live.Select(p => p.Request).ToList(), _stopping.Token).ConfigureAwait(false);
                if (results.Count != live.Count)
                {
                    throw new InvalidOperationException(
                        $"suggester '{_suggester.Name}' answered {results.Count} results for a batch of {live.Count} requests.");
                }
                for (var i = 0; i < live.Count; i++)
                {
                    live[i].Answer.TrySetResult(results[i]);
                }
            }
#pragma warning disable CA1031 // Any failure of the suggester belongs to the batch's callers, who turn it into a 503.
            catch (Exception e)
#pragma warning restore CA1031
            {
                live.ForEach(p => p.Answer.TrySetException(e));
            }
        }
        finally
        {
            _slots.Release();
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>A request waiting for its batch, and where its answer goes.</summary>
    private sealed record PendingSuggestion(SuggestionRequest Request, CancellationToken CallerToken)
    {
        public TaskCompletionSource<SuggestionResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
