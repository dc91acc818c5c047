using Microsoft.Extensions.Logging;
using Tailor.Sentiment;

namespace Tailor.Server.Sentiment;

/// <summary>
/// The server's sentiment model, loaded once at startup, or the reason there is none (then POST /v1/classify answers
/// 503 with it and every other endpoint works as before). Requests take turns at the model: one TorchSharp module run
/// from many threads at once is not safe (the domain model generates under a lock for the same reason), and a
/// request already carries its own batch of texts.
/// </summary>
public sealed partial class SentimentHost : IDisposable
{
    private readonly ISentimentClassifier? _classifier;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SentimentHost(ISentimentClassifier? classifier, string? unavailableReason)
    {
        _classifier = classifier;
        UnavailableReason = unavailableReason;
    }

    /// <summary>The model's name; null when there is no model.</summary>
    public string? ModelName => _classifier?.Name;

    /// <summary>Why there is no model (for the 503's message); null when there is one.</summary>
    public string? UnavailableReason { get; }

    /// <summary>The host for the model folder <paramref name="modelDir"/> (null: no sentiment model configured).</summary>
    public static SentimentHost Load(string? modelDir, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (modelDir is null)
        {
            return new SentimentHost(null, "This server has no sentiment model (start it with --sentiment-model DIR).");
        }
        if (!Directory.Exists(modelDir))
        {
            LogMissing(logger, modelDir);
            return new SentimentHost(null, $"No sentiment model at '{modelDir}' (start the server with --sentiment-model DIR).");
        }
        try
        {
            return new SentimentHost(SentimentModels.Load(modelDir), null);
        }
#pragma warning disable CA1031 // A model that will not load must not stop the suggester: the endpoint says 503 and the log says why.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLoadFailed(logger, modelDir, e);
            return new SentimentHost(null, $"The sentiment model at '{modelDir}' could not be loaded: {e.Message}");
        }
    }

    /// <summary>The model's predictions for <paramref name="reviews"/>, in order, once it is this request's turn.</summary>
    /// <exception cref="InvalidOperationException">There is no model (check <see cref="UnavailableReason"/> first).</exception>
    public async Task<IReadOnlyList<Tailor.Sentiment.Baselines.SentimentPrediction>> ClassifyAsync(IReadOnlyList<string> reviews, CancellationToken cancellationToken)
    {
        var classifier = _classifier ?? throw new InvalidOperationException(UnavailableReason);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return classifier.Classify(reviews);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _classifier?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No sentiment model folder at {ModelDir}; POST /v1/classify answers 503")]
    private static partial void LogMissing(ILogger logger, string modelDir);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sentiment model at {ModelDir} could not be loaded; POST /v1/classify answers 503")]
    private static partial void LogLoadFailed(ILogger logger, string modelDir, Exception exception);
}
