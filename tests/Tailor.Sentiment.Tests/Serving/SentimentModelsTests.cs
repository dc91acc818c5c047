namespace Tailor.Sentiment.Tests.Serving;

/// <summary>How <see cref="SentimentModels.Load"/> refuses folders (loading a real one is tested by the CLI and server tests, which run libtorch).</summary>
public sealed class SentimentModelsTests
{
    [Fact]
    public void A_missing_folder_is_named()
    {
        using var folder = new TempDirectory();
        var missing = folder.File("models/sentiment");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SentimentModels.Load(missing));

        Assert.StartsWith($"{missing}: no sentiment model folder there", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_the_wrong_files_is_named_with_what_it_lacks()
    {
        using var folder = new TempDirectory();
        folder.Write("vocab.txt", "[PAD]\n");
        folder.Write("notes.md", "not a model");

        var error = Assert.Throws<InvalidDataException>(() => SentimentModels.Load(folder.Path));

        Assert.Equal(
            $"{folder.Path}: not a sentiment model folder: it has no sentiment.json, and a DistilBERT classifier needs config.json, model.safetensors, vocab.txt; missing config.json, model.safetensors.",
            error.Message);
    }
}
