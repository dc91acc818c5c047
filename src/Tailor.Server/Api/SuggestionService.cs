using Microsoft.Extensions.Logging;
using Tailor.Domains.Suggestions;
using Tailor.Server.Batching;
using Tailor.Server.Metrics;

namespace Tailor.Server.Api;

/// <summary>
/// What both APIs share: a request goes through the <see cref="SuggestionBatcher"/> to the suggester; refusals are
/// counted; a failing suggester is logged and surfaces as <see cref="SuggesterUnavailableException"/> (503).
/// </summary>
public sealed partial class SuggestionService(SuggestionBatcher batcher, ServerMetrics metrics, ILogger<SuggestionService> logger)
{
    /// <exception cref="SuggesterUnavailableException">The suggester threw.</exception>
    public async Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken)
    {
        SuggestionResult result;
        try
        {
            result = await batcher.SuggestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the suggester throws, the client gets a 503 and the log gets the details.
        catch (Exception e)
#pragma warning restore CA1031
        {
            metrics.SuggesterFailed();
            LogSuggesterFailed(logger, e);
            throw new SuggesterUnavailableException(SuggesterUnavailableException.ClientMessage, e);
        }
        if (result.Status == SuggestionStatus.Blocked)
        {
            metrics.SuggestionBlocked(result.Category);
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The suggester failed")]
    private static partial void LogSuggesterFailed(ILogger logger, Exception exception);
}
