using System.Text.Json.Serialization;
using Tailor.Training;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// Route (b): zero- and few-shot prompting of a causal LM. For every shot count k and seed, k demonstrations are drawn
/// from the training rows (balanced, seeded), every test review is put after them as "Review: …\nSentiment:", and the
/// label whose words the model finds likelier comes out (see <see cref="LabelScorer"/>).
/// </summary>
public sealed record PromptRecipe : IDecoderRecipe
{
    public string Name { get; init; } = "sentiment-decoder-prompt";
    public string OutputDir { get; init; } = "runs";
    /// <summary>An HF model folder (config.json, model.safetensors, tokenizer files), e.g. a language-model run's <c>model/</c>.</summary>
    public string Model { get; init; } = "runs/sentiment-decoder-lm/model";
    public DecoderDataSection Data { get; init; } = new();
    /// <summary>Shot counts; 0 is zero-shot (the same prompt for every seed, so it runs once).</summary>
    public IReadOnlyList<int> Shots { get; init; } = [0, 2, 4];
    /// <summary>Seeds 1..N choose the demonstrations.</summary>
    public int Seeds { get; init; } = 3;
    /// <summary>Tokens kept of each review, test review and demonstrations alike (head + tail).</summary>
    public int MaxReviewTokens { get; init; } = 128;
    /// <summary><c>first_token</c> (the label words' first tokens) or <c>sequence</c> (the whole label word's log-probability).</summary>
    public string Scoring { get; init; } = LabelScorer.Sequence;
    public int BatchSize { get; init; } = 16;

    [JsonIgnore]
    public string RunDirectory => Path.Combine(OutputDir, Name);

    public void Validate(string source)
    {
        if (Shots.Count == 0 || Shots.Any(k => k < 0)) throw new TrainingException($"{source}: 'shots' must list shot counts >= 0");
        if (Seeds < 1) throw new TrainingException($"{source}: 'seeds' must be at least 1");
        if (MaxReviewTokens < 8) throw new TrainingException($"{source}: 'max_review_tokens' must be at least 8");
        if (BatchSize < 1) throw new TrainingException($"{source}: 'batch_size' must be at least 1");
        if (!LabelScorer.Modes.Contains(Scoring)) throw new TrainingException($"{source}: 'scoring' = '{Scoring}' is not one of {string.Join(", ", LabelScorer.Modes)}");
    }
}
