using Tailor.Engine.Models;
using Tailor.Sentiment.Encoder;
using Tailor.Training;

namespace Tailor.Sentiment.Tests.Encoder;

public class EncoderRecipeTests
{
    const string Minimal = """
        name: tiny
        data:
          train: train.jsonl
          test: test.jsonl
          unlabelled: null
          validation_rows: 10
        tokenizer:
          vocab_size: 500
        model:
          dim: 32
          hidden_dim: 64
          n_layers: 2
          n_heads: 4
          max_position_embeddings: 64
        pretrain:
          max_length: 64
          training:
            max_steps: 5
            learning_rate: 0.001
        finetune:
          max_length: 32
          training:
            max_steps: 5
            learning_rate: 0.0002
        ensemble: false
        """;

    static EncoderRecipe LoadText(TempDirectory dir, string text, string name = "recipe.yaml")
    {
        dir.Write(name, text);
        return EncoderRecipe.Load(dir.File(name));
    }

    /// <summary>The error a recipe gives, which must name its file.</summary>
    static string Error(string text)
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TrainingException>(() => LoadText(dir, text, "bad-recipe.yaml"));
        Assert.Contains(dir.File("bad-recipe.yaml"), e.Message, StringComparison.Ordinal);
        return e.Message;
    }

    [Fact]
    public void ReadsSnakeCaseYaml()
    {
        using var dir = new TempDirectory();
        var recipe = LoadText(dir, Minimal);
        Assert.Equal("tiny", recipe.Name);
        Assert.Null(recipe.Data.Unlabelled);
        Assert.Equal(10, recipe.Data.ValidationRows);
        Assert.Equal((32, 64, 2, 4), (recipe.Model.Dim, recipe.Model.HiddenDim, recipe.Model.NLayers, recipe.Model.NHeads));
        Assert.Equal(64, recipe.Pretrain!.MaxLength);
        Assert.Equal(0.0002, recipe.Finetune.Training.LearningRate);
        Assert.False(recipe.Ensemble);
        Assert.Equal(Path.Combine("runs", "tiny"), recipe.RunDirectory);
    }

    [Theory]
    [InlineData("encoder.yaml")]
    [InlineData("encoder-smoke.yaml")]
    public void TheShippedRecipesLoad(string file)
    {
        var recipe = EncoderRecipe.Load(Path.Combine(RepositoryFiles.Root(), "recipes", "sentiment", file));
        Assert.StartsWith("sentiment-encoder", recipe.Name, StringComparison.Ordinal);
        Assert.Equal(recipe.Tokenizer.VocabSize, recipe.ModelConfig(recipe.Tokenizer.VocabSize, 0).VocabSize);
    }

    [Fact]
    public void ACharacterNgramSectionTakesTheCharacterOrdersUnlessItGivesItsOwn()
    {
        using var dir = new TempDirectory();
        Assert.Null(LoadText(dir, Minimal).CharNgram);
        var recipe = LoadText(dir, Minimal + "\nchar_ngram:\n  max_features: 1000\n");
        var options = recipe.CharNgram!.Options(recipe.Seed, Tailor.Sentiment.Ngrams.NgramUnit.Character);
        Assert.Equal((Tailor.Sentiment.Ngrams.NgramUnit.Character, 2, 5, 1000), (options.Unit, options.MinOrder, options.MaxOrder, options.MaxFeatures));
        var words = recipe.Ngram.Options(recipe.Seed);
        Assert.Equal((Tailor.Sentiment.Ngrams.NgramUnit.Word, 1, 3), (words.Unit, words.MinOrder, words.MaxOrder));
        var orders = LoadText(dir, Minimal + "\nchar_ngram:\n  min_order: 3\n  max_order: 6\n").CharNgram!.Options(recipe.Seed, Tailor.Sentiment.Ngrams.NgramUnit.Character);
        Assert.Equal((3, 6), (orders.MinOrder, orders.MaxOrder));
    }

    [Fact]
    public void JsonRoundTrips()
    {
        using var dir = new TempDirectory();
        var recipe = LoadText(dir, Minimal);
        var again = LoadText(dir, recipe.ToJson(), "recipe.json");
        Assert.Equal(recipe.ToJson(), again.ToJson());
        Assert.Equal(recipe.Finetune.Training, again.Finetune.Training);
    }

    [Fact]
    public void ModelConfigIsAMaskedLmWithTheSentimentLabels()
    {
        using var dir = new TempDirectory();
        var config = LoadText(dir, Minimal).ModelConfig(vocabSize: 321, padId: 0);
        Assert.Equal(DistilBertConfig.MaskedLM, config.Architecture);
        Assert.Equal((321, 32, 64, 2, 4, 64), (config.VocabSize, config.Dim, config.HiddenDim, config.NLayers, config.NHeads, config.MaxPositionEmbeddings));
        Assert.Equal(["negative", "positive"], config.Labels);
    }

    [Theory]
    [InlineData("ensemble: false", "ensemble: false\nensembel: true", "ensembel")]
    [InlineData("validation_rows: 10", "validation_rows: 10\n  trian: x.jsonl", "trian")]
    [InlineData("learning_rate: 0.0002", "learning_rate: 0.0002\n    learning_rat: 0.1", "learning_rat")]
    public void UnknownKeysAreErrors(string good, string bad, string key)
    {
        Assert.Contains(good, Minimal, StringComparison.Ordinal);
        Assert.Contains(key, Error(Minimal.Replace(good, bad, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validation_rows: 10", "validation_rows: 0", "'data.validation_rows' must be at least 1")]
    [InlineData("vocab_size: 500", "vocab_size: 50", "'tokenizer.vocab_size' must be at least 100")]
    [InlineData("  max_length: 64", "  max_length: 4", "'pretrain.max_length' must be in [8, model.max_position_embeddings = 64]")]
    [InlineData("  max_length: 32", "  max_length: 65", "'finetune.max_length' must be in [8, model.max_position_embeddings = 64]")]
    [InlineData("learning_rate: 0.0002", "learning_rate: 0", "'finetune.training.learning_rate' must be positive")]
    [InlineData("n_heads: 4", "n_heads: 5", "model: 'dim' (32) must be a multiple of 'n_heads' (5)")]
    [InlineData("n_layers: 2", "n_layers: 0", "model: 'n_layers' must be positive")]
    [InlineData("dim: 32", "dim: wide", "dim")]
    [InlineData("ensemble: false", "ensemble: false\nngram:\n  max_order: 4", "'ngram': word n-grams run from order 1 to at most 3, not 1-4")]
    [InlineData("ensemble: false", "ensemble: false\nchar_ngram:\n  min_order: 6", "'char_ngram': character n-gram orders 6-5: need 1 <= min <= max")]
    public void BadValuesAreErrorsThatNameTheFileAndTheField(string good, string bad, string message)
    {
        Assert.Contains(good, Minimal, StringComparison.Ordinal);
        Assert.Contains(message, Error(Minimal.Replace(good, bad, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsAClearError()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TrainingException>(() => EncoderRecipe.Load(dir.File("nope.yaml")));
        Assert.Contains("nope.yaml: recipe not found", e.Message, StringComparison.Ordinal);
    }
}
