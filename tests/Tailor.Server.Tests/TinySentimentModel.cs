using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using TorchSharp;

namespace Tailor.Tests;

/// <summary>
/// A random DistilBERT review classifier small enough for tests (dim 32, 2 layers, a WordPiece vocabulary learned from
/// a few sentences), written as a model folder (config.json, model.safetensors, vocab.txt). Its weights are drawn
/// wide (initializer range 0.2) so different reviews get clearly different probabilities.
/// </summary>
internal static class TinySentimentModel
{
    public static readonly string[] Sentences =
    [
        "A wonderful film with a moving story and great acting.",
        "The plot was boring and the dialogue was terrible.",
        "I loved every minute of this movie, the music is superb.",
        "An awful waste of time; the worst film I have seen this year.",
        "The actors were fine but the ending made no sense at all.",
    ];

    /// <summary>Writes the model folder <paramref name="modelDir"/> (same seed, same weights) and returns it.</summary>
    public static string Write(string modelDir, long seed = 7)
    {
        WordPieceTrainer.Train(Sentences, vocabSize: 200, modelDir, minCharCount: 1);
        var vocabulary = File.ReadAllLines(Path.Combine(modelDir, "vocab.txt")).Length;
        var config = new DistilBertConfig
        {
            Architecture = DistilBertConfig.SequenceClassification,
            VocabSize = vocabulary,
            Dim = 32,
            HiddenDim = 64,
            NLayers = 2,
            NHeads = 2,
            MaxPositionEmbeddings = 64,
            InitializerRange = 0.2,
            Labels = ["negative", "positive"],
        };
        torch.manual_seed(seed);
        using var model = new DistilBertForSequenceClassification(config);
        DistilBertCheckpoint.Save(model, config, modelDir);
        return modelDir;
    }
}
