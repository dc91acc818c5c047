using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Ensemble;

namespace Tailor.Sentiment;

/// <summary>
/// Opens a sentiment model folder as whatever classifier its files say it is, so the CLI, the server and the
/// benchmark load models one way: a folder with a <c>sentiment.json</c> manifest is an
/// <see cref="EnsembleSentimentClassifier"/> (the shipped model), and a DistilBERT classifier folder (<c>config.json</c>,
/// <c>model.safetensors</c>, <c>vocab.txt</c>) is an <see cref="EncoderSentimentClassifier"/>.
/// </summary>
public static class SentimentModels
{
    /// <summary>
    /// The shipped model, relative to the working directory (run from the repository root), as <c>models/domains</c>
    /// is for <c>tailor suggest</c>.
    /// </summary>
    public const string DefaultModelDir = "models/sentiment";

    /// <summary>The files that make a folder a DistilBERT classifier.</summary>
    public static IReadOnlyList<string> EncoderFiles { get; } = ["config.json", "model.safetensors", "vocab.txt"];

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder is no kind of sentiment model (the message names the folder and what it lacks).</exception>
    public static ISentimentClassifier Load(string modelDir)
    {
        ArgumentNullException.ThrowIfNull(modelDir);
        if (!Directory.Exists(modelDir))
        {
            throw new DirectoryNotFoundException($"{modelDir}: no sentiment model folder there (run from the repository root, or pass the folder).");
        }
        // A small switch on what the folder holds.
        if (File.Exists(Path.Combine(modelDir, EnsembleManifest.FileName)))
        {
            return EnsembleSentimentClassifier.Load(modelDir);
        }
        if (EncoderFiles.All(file => File.Exists(Path.Combine(modelDir, file))))
        {
            return EncoderSentimentClassifier.Load(modelDir);
        }
        var missing = EncoderFiles.Where(file => !File.Exists(Path.Combine(modelDir, file)));
        throw new InvalidDataException(
            $"{modelDir}: not a sentiment model folder: it has no {EnsembleManifest.FileName}, and a DistilBERT classifier needs {string.Join(", ", EncoderFiles)}; missing {string.Join(", ", missing)}.");
    }
}
