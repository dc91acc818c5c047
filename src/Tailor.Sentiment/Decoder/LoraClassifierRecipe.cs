using System.Text.Json.Serialization;
using Tailor.Training;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// Route (c): LoRA on a causal LM, trained to complete "Review: …\nSentiment:" with the label word (loss on the label
/// tokens only, the prompt masked), then used as a classifier by comparing the label words' log-probabilities.
/// </summary>
public sealed record LoraClassifierRecipe : IDecoderRecipe
{
    public string Name { get; init; } = "sentiment-decoder-lora";
    public string OutputDir { get; init; } = "runs";
    public int Seed { get; init; } = 42;
    /// <summary>The base model folder, e.g. a language-model run's <c>model/</c>.</summary>
    public string Model { get; init; } = "runs/sentiment-decoder-lm/model";
    public DecoderDataSection Data { get; init; } = new();
    /// <summary>Training rows (after <see cref="DecoderDataSection.TrainRows"/>) held out, seeded, to pick the best step.</summary>
    public int ValidationRows { get; init; } = 200;
    public LoraSection Lora { get; init; } = new() { R = 8, Alpha = 16, Dropout = 0.05, TargetModules = ["q_proj", "k_proj", "v_proj", "o_proj"] };
    public int MaxReviewTokens { get; init; } = 128;
    public string Scoring { get; init; } = LabelScorer.Sequence;
    public TrainingArguments Training { get; init; } = new();

    [JsonIgnore]
    public string RunDirectory => Path.Combine(OutputDir, Name);

    public void Validate(string source)
    {
        if (ValidationRows < 1) throw new TrainingException($"{source}: 'validation_rows' must be at least 1");
        if (Lora.R < 1) throw new TrainingException($"{source}: 'lora.r' must be at least 1");
        if (MaxReviewTokens < 8) throw new TrainingException($"{source}: 'max_review_tokens' must be at least 8");
        if (!LabelScorer.Modes.Contains(Scoring)) throw new TrainingException($"{source}: 'scoring' = '{Scoring}' is not one of {string.Join(", ", LabelScorer.Modes)}");
        DecoderRecipes.ValidateTraining(Training, source, "training");
    }
}
