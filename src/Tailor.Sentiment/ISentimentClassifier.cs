using Tailor.Sentiment.Baselines;

namespace Tailor.Sentiment;

/// <summary>
/// A sentiment model the CLI, the server and the benchmarks can run: any number of reviews in, one prediction
/// per review out, in order. Implementations accept any text (empty, very long, junk) under their documented
/// truncation policy; rejecting requests is the caller's job.
/// </summary>
public interface ISentimentClassifier : IDisposable
{
    /// <summary>What the model is (shown in reports and API responses), e.g. "distilbert-4x256+nb-ngram".</summary>
    string Name { get; }

    IReadOnlyList<SentimentPrediction> Classify(IReadOnlyList<string> reviews);
}
