using System.Text.Json;
using System.Text.Json.Serialization;
using Tailor.Engine;
using Tailor.Engine.Models;
using Tailor.Sentiment.Data;
using Tailor.Training;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;

namespace Tailor.Sentiment.Encoder;

/// <summary>Where the reviews come from. Paths are relative to the working directory.</summary>
public sealed record EncoderDataSection
{
    public string Train { get; init; } = "../shared/data/imdb/train.jsonl.gz";
    public string Test { get; init; } = "../shared/data/imdb/test.jsonl.gz";
    /// <summary>Unlabelled reviews for masked-LM pretraining (with the training texts; never the test texts).</summary>
    public string? Unlabelled { get; init; } = "../shared/data/imdb/unsup.jsonl.gz";
    /// <summary>Training rows held out (seeded) to choose the best fine-tuning step and the ensemble weights.</summary>
    public int ValidationRows { get; init; } = 2500;
    /// <summary>Read at most this many rows of each file (tests and smoke runs).</summary>
    public int? Limit { get; init; }
}

/// <summary>The WordPiece vocabulary learned from the pretraining texts.</summary>
public sealed record EncoderTokenizerSection
{
    public int VocabSize { get; init; } = 12000;
}

/// <summary>The DistilBERT shape (HF names).</summary>
public sealed record EncoderModelSection
{
    public int Dim { get; init; } = 256;
    public int HiddenDim { get; init; } = 1024;
    public int NLayers { get; init; } = 4;
    public int NHeads { get; init; } = 4;
    public int MaxPositionEmbeddings { get; init; } = 512;
    public double Dropout { get; init; } = 0.1;
    public double AttentionDropout { get; init; } = 0.1;
    public double SeqClassifDropout { get; init; } = 0.2;
}

/// <summary>An NB-weighted n-gram model blended with the encoder (see <see cref="Ngrams.NbLogisticRegression"/>).</summary>
public sealed record EncoderNgramSection
{
    /// <summary>The shortest n-gram; null: the unit's usual (words 1, characters 2).</summary>
    public int? MinOrder { get; init; }
    /// <summary>The longest n-gram; null: the unit's usual (words 3, characters 5).</summary>
    public int? MaxOrder { get; init; }
    public int MinDocuments { get; init; } = 2;
    public int MaxFeatures { get; init; } = 800_000;
    public double L2 { get; init; } = 1e-5;
    public int Epochs { get; init; } = 8;
    public double LearningRate { get; init; } = 0.05;

    public Ngrams.NbLogisticRegressionOptions Options(int seed, Ngrams.NgramUnit unit = Ngrams.NgramUnit.Word) => new(MinDocuments, MaxFeatures, L2, Epochs, LearningRate, Seed: seed,
        Unit: unit,
        MinOrder: MinOrder ?? (unit == Ngrams.NgramUnit.Word ? 1 : Ngrams.CharNgrams.DefaultMinOrder),
        MaxOrder: MaxOrder ?? (unit == Ngrams.NgramUnit.Word ? Ngrams.ReviewNgrams.MaxOrder : Ngrams.CharNgrams.DefaultMaxOrder));
}

/// <summary>One training stage: the window length and HF-style training arguments.</summary>
public sealed record EncoderStageSection
{
    public int MaxLength { get; init; } = 256;
    public TrainingArguments Training { get; init; } = new();
}

/// <summary>
/// The encoder route of issue 7 as one recipe: learn a vocabulary, pretrain a DistilBERT with masked-LM on the
/// unlabelled and training reviews, fine-tune it as a classifier, score the test split, and (optionally) blend it
/// with the NB-weighted n-gram model. YAML or JSON with snake_case keys; unknown keys are errors.
/// </summary>
public sealed record EncoderRecipe
{
    public string Name { get; init; } = "sentiment-encoder";
    public string OutputDir { get; init; } = "runs";
    public int Seed { get; init; } = 42;
    public EncoderDataSection Data { get; init; } = new();
    public EncoderTokenizerSection Tokenizer { get; init; } = new();
    public EncoderModelSection Model { get; init; } = new();
    /// <summary>Masked-LM pretraining; null (or left out) fine-tunes a freshly initialised encoder.</summary>
    public EncoderStageSection? Pretrain { get; init; }
    public EncoderStageSection Finetune { get; init; } = new();
    /// <summary>Blend with the NB-weighted n-gram model(s) (weights fitted on the validation rows).</summary>
    public bool Ensemble { get; init; } = true;
    /// <summary>The word n-gram member of the blend.</summary>
    public EncoderNgramSection Ngram { get; init; } = new();
    /// <summary>A character n-gram member of the blend; null (or left out) blends without one.</summary>
    public EncoderNgramSection? CharNgram { get; init; }

    [JsonIgnore]
    public string RunDirectory => Path.Combine(OutputDir, Name);

    public DistilBertConfig ModelConfig(int vocabSize, int padId) => UncheckedModelConfig(vocabSize, padId).Validate("recipe 'model'");

    DistilBertConfig UncheckedModelConfig(int vocabSize, int padId) => new()
    {
        Architecture = DistilBertConfig.MaskedLM,
        VocabSize = vocabSize,
        Dim = Model.Dim,
        HiddenDim = Model.HiddenDim,
        NLayers = Model.NLayers,
        NHeads = Model.NHeads,
        MaxPositionEmbeddings = Model.MaxPositionEmbeddings,
        Dropout = Model.Dropout,
        AttentionDropout = Model.AttentionDropout,
        SeqClassifDropout = Model.SeqClassifDropout,
        PadTokenId = padId,
        Labels = SentimentLabels.Names,
    };

    public EncoderRecipe Validate(string source)
    {
        if (Data.ValidationRows < 1) throw new TrainingException($"{source}: 'data.validation_rows' must be at least 1");
        if (Tokenizer.VocabSize < 100) throw new TrainingException($"{source}: 'tokenizer.vocab_size' must be at least 100");
        // The model's shape is checked now, not after the vocabulary has been learned.
        try
        {
            UncheckedModelConfig(Tokenizer.VocabSize, 0).Validate($"{source}: model");
        }
        catch (EngineException e)
        {
            throw new TrainingException(e.Message, e);
        }
        foreach (var (name, stage) in new[] { ("pretrain", Pretrain), ("finetune", Finetune) })
        {
            if (stage is null) continue;
            if (stage.MaxLength < 8 || stage.MaxLength > Model.MaxPositionEmbeddings)
                throw new TrainingException($"{source}: '{name}.max_length' must be in [8, model.max_position_embeddings = {Model.MaxPositionEmbeddings}]");
            try
            {
                stage.Training.Validate();
            }
            catch (TrainingException e)
            {
                // "'learning_rate' must be positive" becomes "'finetune.training.learning_rate' must be positive".
                var message = e.Message.StartsWith('\'') ? $"'{name}.training.{e.Message[1..]}" : $"{name}.training: {e.Message}";
                throw new TrainingException($"{source}: {message}", e);
            }
        }
        foreach (var (name, section, unit) in new[] { ("ngram", Ngram, Ngrams.NgramUnit.Word), ("char_ngram", CharNgram, Ngrams.NgramUnit.Character) })
        {
            try
            {
                section?.Options(Seed, unit).Validate();
            }
            catch (ArgumentException e)
            {
                throw new TrainingException($"{source}: '{name}': {e.Message}", e);
            }
        }
        return this;
    }

    public static EncoderRecipe Load(string path)
    {
        try
        {
            return (Recipe.ReadDocument(path).Deserialize<EncoderRecipe>(Recipe.SerializerOptions)
                ?? throw new TrainingException($"{path}: empty recipe")).Validate(path);
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{path}: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Recipe.SerializerOptions);
}
