using System.Text.Json.Serialization;
using Tailor.Engine.Models;
using Tailor.Training;
using Tailor.Training.Trainer;

namespace Tailor.Sentiment.Decoder;

/// <summary>The byte-level BPE vocabulary learned from the pretraining reviews.</summary>
public sealed record DecoderTokenizerSection
{
    public int VocabSize { get; init; } = 8000;
}

/// <summary>
/// The Llama shape (HF names): a preset of <see cref="ModelPresets"/>, or, without one, the fields given here.
/// </summary>
public sealed record DecoderModelSection
{
    /// <summary>tiny, 8m, 20m or 120m; null: the shape below.</summary>
    public string? Preset { get; init; }
    public int HiddenSize { get; init; } = 128;
    public int IntermediateSize { get; init; } = 384;
    public int NumHiddenLayers { get; init; } = 4;
    public int NumAttentionHeads { get; init; } = 4;
    public int NumKeyValueHeads { get; init; } = 2;
    /// <summary>Context length: a few-shot prompt holds k + 1 cut reviews.</summary>
    public int MaxPositionEmbeddings { get; init; } = 1024;
}

/// <summary>
/// Route (a) of issue 7's decoder routes: learn a byte-level BPE vocabulary on the unlabelled and training reviews and
/// pretrain a small Llama on the same text, packed into blocks, with the causal-LM objective. The run directory holds
/// <c>tokenizer/</c>, <c>model/</c> (an HF folder the prompt and LoRA routes load), <c>metrics.json</c>, <c>report.md</c>
/// and the loss curves.
/// </summary>
public sealed record LanguageModelRecipe : IDecoderRecipe
{
    public string Name { get; init; } = "sentiment-decoder-lm";
    public string OutputDir { get; init; } = "runs";
    public int Seed { get; init; } = 42;
    public DecoderDataSection Data { get; init; } = new();
    public DecoderTokenizerSection Tokenizer { get; init; } = new();
    public DecoderModelSection Model { get; init; } = new();
    /// <summary>Tokens per review kept for pretraining (the review's start); null keeps whole reviews.</summary>
    public int? MaxReviewTokens { get; init; } = 128;
    /// <summary>Packed block length.</summary>
    public int MaxLength { get; init; } = 128;
    /// <summary>Reviews (from the training rows' end, never the test file) held out for the evaluation loss.</summary>
    public int ValidationRows { get; init; } = 200;
    public TrainingArguments Training { get; init; } = new();

    [JsonIgnore]
    public string RunDirectory => Path.Combine(OutputDir, Name);

    public LlamaConfig ModelConfig(int vocabSize)
    {
        var shape = Model.Preset is { } preset
            ? ModelPresets.Create(preset, vocabSize)
            : new LlamaConfig
            {
                VocabSize = vocabSize,
                HiddenSize = Model.HiddenSize,
                IntermediateSize = Model.IntermediateSize,
                NumHiddenLayers = Model.NumHiddenLayers,
                NumAttentionHeads = Model.NumAttentionHeads,
                NumKeyValueHeads = Model.NumKeyValueHeads,
                HeadDim = Model.HiddenSize / Math.Max(1, Model.NumAttentionHeads),
                RmsNormEps = 1e-5,
                RopeTheta = 10000,
                TieWordEmbeddings = true,
                TorchDtype = "float32",
            };
        return (shape with { MaxPositionEmbeddings = Model.MaxPositionEmbeddings }).Validate("recipe 'model'");
    }

    public void Validate(string source)
    {
        if (Tokenizer.VocabSize < 300) throw new TrainingException($"{source}: 'tokenizer.vocab_size' must be at least 300 (256 bytes + specials + merges)");
        if (MaxLength < 8 || MaxLength > Model.MaxPositionEmbeddings)
            throw new TrainingException($"{source}: 'max_length' must be in [8, model.max_position_embeddings = {Model.MaxPositionEmbeddings}]");
        if (MaxReviewTokens is < 8) throw new TrainingException($"{source}: 'max_review_tokens' must be at least 8");
        if (ValidationRows < 1) throw new TrainingException($"{source}: 'validation_rows' must be at least 1");
        if (Model.Preset is null && (Model.NumAttentionHeads < 1 || Model.HiddenSize % Model.NumAttentionHeads != 0))
            throw new TrainingException($"{source}: 'model.hidden_size' must be a multiple of 'model.num_attention_heads'");
        DecoderRecipes.ValidateTraining(Training, source, "training");
        _ = ModelConfig(Tokenizer.VocabSize);
    }
}
