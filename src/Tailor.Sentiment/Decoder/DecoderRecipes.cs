using System.Text.Json;
using Tailor.Training;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// Reads the decoder routes' config files (YAML or JSON, snake_case keys, unknown keys are errors) the way every
/// Tailor config is read (<see cref="Recipe.ReadDocument"/> and <see cref="Recipe.SerializerOptions"/>).
/// </summary>
public static class DecoderRecipes
{
    public static T Load<T>(string path) where T : class, IDecoderRecipe
    {
        try
        {
            var recipe = Recipe.ReadDocument(path).Deserialize<T>(Recipe.SerializerOptions) ?? throw new TrainingException($"{path}: empty recipe");
            recipe.Validate(path);
            return recipe;
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{path}: {e.Message}", e);
        }
    }

    public static string ToJson(object recipe) => JsonSerializer.Serialize(recipe, recipe?.GetType() ?? typeof(object), Recipe.SerializerOptions);

    /// <summary>Validates HF-style training arguments, naming the section they came from.</summary>
    internal static void ValidateTraining(TrainingArguments training, string source, string section)
    {
        try
        {
            training.Validate();
        }
        catch (TrainingException e)
        {
            throw new TrainingException($"{source}: {section}.{e.Message.TrimStart('\'')}", e);
        }
    }
}

/// <summary>A decoder-route config: validated after binding, written into its run directory.</summary>
public interface IDecoderRecipe
{
    /// <summary>Throws a <see cref="TrainingException"/> naming <paramref name="source"/> and the bad field.</summary>
    void Validate(string source);
}

/// <summary>Where the reviews come from. Paths are relative to the working directory; the test file is only scored.</summary>
public sealed record DecoderDataSection
{
    public string Train { get; init; } = "../shared/data/imdb/train.jsonl.gz";
    public string Test { get; init; } = "../shared/data/imdb/test.jsonl.gz";
    /// <summary>Unlabelled reviews for language-model pretraining (with the training texts; never the test texts).</summary>
    public string? Unlabelled { get; init; } = "../shared/data/imdb/unsup.jsonl.gz";
    /// <summary>Read at most this many training rows (null: all).</summary>
    public int? TrainRows { get; init; }
    /// <summary>Score at most this many test rows (null: all).</summary>
    public int? TestRows { get; init; }
    /// <summary>Read at most this many unlabelled rows (null: all).</summary>
    public int? UnlabelledRows { get; init; }
}
