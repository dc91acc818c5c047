namespace Tailor.Server;

/// <summary>How <see cref="SuggestionServer"/> listens, what it accepts, and how it batches requests for the suggester.</summary>
public sealed record ServerOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Where Kestrel listens, ';'-separated (port 0 picks a free one).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The longest business description accepted, in characters.</summary>
    public int MaxDescriptionLength { get; init; } = 2000;

    /// <summary>The most names one request may ask for.</summary>
    public int MaxCount { get; init; } = 20;

    /// <summary>The largest request body accepted, in bytes; larger ones get 413.</summary>
    public long MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The most requests handed to the suggester together.</summary>
    public int MaxBatch { get; init; } = 16;

    /// <summary>How long the first request of a batch waits for others to join it.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How many batches may be at the suggester at once (1 for a model on one GPU; more for remote endpoints).</summary>
    public int MaxConcurrentBatches { get; init; } = 4;

    /// <summary>
    /// The sentiment model folder behind POST /v1/classify, relative to the working directory (default
    /// models/sentiment); null for none. A missing or unloadable folder makes that endpoint answer 503, nothing else.
    /// </summary>
    public string? SentimentModelDir { get; init; } = Tailor.Sentiment.SentimentModels.DefaultModelDir;

    /// <summary>The most reviews one POST /v1/classify request may carry in "texts".</summary>
    public int MaxClassifyTexts { get; init; } = 32;

    /// <summary>
    /// The largest POST /v1/classify body, in bytes (larger ones get 413): room for one review at the length limit
    /// and then some, since reviews are far longer than business descriptions.
    /// </summary>
    public long MaxClassifyBodyBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Whether to log each request to the console (off in tests).</summary>
    public bool RequestLogging { get; init; }

    /// <exception cref="ArgumentException">A limit is not positive.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Urls);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDescriptionLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClassifyTexts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClassifyBodyBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchWindow, TimeSpan.Zero);
    }
}
