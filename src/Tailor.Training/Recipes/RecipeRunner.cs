using System.Text.Json;
using System.Text.Json.Nodes;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Training.Adapters;
using Tailor.Training.Data;
using Tailor.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Recipes;

/// <summary>
/// Runs a recipe the way a torchtune recipe reads: build the model for the method, load and batch the
/// data, train, then write the run directory — resolved recipe, metrics, curves, the trained model or
/// adapter, and <c>summary.json</c>.
/// </summary>
public sealed class RecipeRunner(Recipe recipe)
{
    public Action<TrainerProgress>? OnStep { get; init; }
    public Action<long, IReadOnlyDictionary<string, double>>? OnLog { get; init; }
    public Action<string>? OnMessage { get; init; }

    public TrainSummary Run(bool resume = false, CancellationToken cancel = default)
    {
        var runDir = recipe.RunDirectory;
        if (!resume && Directory.Exists(runDir) && Directory.EnumerateFileSystemEntries(runDir).Any())
            throw new TrainingException($"{runDir}: run directory exists; pass --resume to continue it, or choose another name");
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "recipe.resolved.json"), recipe.ToJson());

        var tokenizerDir = recipe.Model.Path ?? recipe.Model.Tokenizer!;
        var tokenizer = TextTokenizer.Load(tokenizerDir);
        var args = recipe.Training;
        var computeDtype = DtypeNames.Parse(args.ComputeDtype, "training.compute_dtype");

        using var model = BuildModel(tokenizer, computeDtype, out var quantization);
        long totalParameters = model.parameters().Sum(p => p.numel());
        long trainableParameters = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        OnMessage?.Invoke($"{recipe.Method}: {trainableParameters:N0} of {totalParameters:N0} parameters trained");
        if (quantization is not null)
            OnMessage?.Invoke($"NF4 base: {quantization.QuantizedBytes / 1e6:F2} MB for {quantization.Weights:N0} weights ({quantization.BitsPerWeight:F2} bits each), " +
                $"{quantization.RatioToBf16:P0} of bf16 ({quantization.Bf16Bytes / 1e6:F2} MB)");

        var (train, validation) = LoadData(tokenizer);
        OnMessage?.Invoke($"data: {train.Stats.Examples} train examples ({train.Stats.Truncated} truncated, {train.Stats.Dropped} dropped), " +
            $"{validation?.Stats.Examples ?? 0} validation examples");
        var trainBatches = new Batcher(train.Examples, BatcherOptions.For(tokenizer, args.PerDeviceTrainBatchSize, (int)args.Seed) with
        {
            GroupByLength = recipe.Data.GroupByLength && !recipe.Data.Packing,
            PackingLength = recipe.Data.Packing ? recipe.Data.MaxLength : null,
        });
        var evalBatches = validation is null ? null
            : new Batcher(validation.Examples, BatcherOptions.For(tokenizer, args.PerDeviceEvalBatchSize) with { Shuffle = false });

        var trainer = new SftTrainer(model, args, trainBatches, evalBatches, runDir) { OnStep = OnStep, OnLog = OnLog };
        var result = trainer.Train(resume, cancel);

        var artifacts = SaveArtifacts(model, tokenizerDir, runDir);
        var curves = TrainingCurves.Write(trainer.MetricsPath, runDir);
        var summary = new TrainSummary(recipe.Name, recipe.Method, result, totalParameters, trainableParameters,
            train.Stats, validation?.Stats, quantization, artifacts, [.. curves.Select(Path.GetFileName).OfType<string>()]);
        File.WriteAllText(Path.Combine(runDir, "summary.json"), summary.ToJson());
        return summary;
    }

    LlamaForCausalLM BuildModel(TextTokenizer tokenizer, ScalarType computeDtype, out QuantizationReport? quantization)
    {
        quantization = null;
        LlamaForCausalLM model;
        if (recipe.Model.Preset is { } preset)
        {
            var architecture = recipe.Model.Architecture switch
            {
                "mistral" => LlamaConfig.Mistral,
                "qwen2" => LlamaConfig.Qwen2,
                "llama" => LlamaConfig.Llama,
                var other => throw new TrainingException($"model.architecture '{other}' is not one of llama, mistral, qwen2"),
            };
            var config = ModelPresets.Create(preset, tokenizer.VocabSize, architecture) with
            {
                BosTokenId = tokenizer.BosTokenId,
                EosTokenIds = tokenizer.EosTokenId is { } eos ? [eos] : [],
                PadTokenId = tokenizer.PadTokenId,
                MaxPositionEmbeddings = Math.Max(recipe.Data.MaxLength, 512),
            };
            model = new LlamaForCausalLM(config).InitializeWeights(recipe.Training.Seed);
        }
        else
        {
            model = LlamaCheckpoint.Load(recipe.Model.Path!, ScalarType.Float32);
        }

        var lora = Lora();
        // LoRA weights start from the recipe's seed, so the same recipe gives the same model.
        var generator = new Generator((ulong)recipe.Training.Seed);
        switch (recipe.Method)
        {
            case "full":
                // bf16 training keeps fp32 master weights in the optimizer.
                if (computeDtype != ScalarType.Float32) model.to(computeDtype);
                break;
            case "lora":
                if (computeDtype != ScalarType.Float32) model.to(computeDtype);
                LoraInjector.Apply(model, lora, ScalarType.Float32, generator);
                break;
            case "qlora":
                // Frozen NF4 base dequantized to the compute dtype; adapters in full precision on top.
                quantization = QLoraPreparer.Quantize(model, computeDtype == ScalarType.Float32 ? ScalarType.BFloat16 : computeDtype, recipe.Lora.DoubleQuant);
                LoraInjector.Apply(model, lora, ScalarType.Float32, generator);
                break;
        }
        return model;
    }

    LoraConfig Lora() => new()
    {
        R = recipe.Lora.R,
        Alpha = recipe.Lora.Alpha,
        Dropout = recipe.Lora.Dropout,
        TargetModules = Targets(recipe.Lora.TargetModules),
        UseRsLora = recipe.Lora.UseRslora,
    };

    static LoraTargets Targets(IReadOnlyList<string> names) => names switch
    {
        ["all-linear"] => LoraTargets.AllLinear,
        [var single] when single.StartsWith("regex:", StringComparison.Ordinal) => LoraTargets.Regex(single["regex:".Length..]),
        _ => LoraTargets.Names([.. names]),
    };

    (TokenizedDataset Train, TokenizedDataset? Validation) LoadData(TextTokenizer tokenizer)
    {
        var options = new SftDataOptions { MaxLength = recipe.Data.MaxLength, ChatTemplate = recipe.Data.ChatTemplate };
        var train = TokenizedDataset.Load(recipe.Data.Train, tokenizer, options);
        if (recipe.Data.Validation is { } file) return (train, TokenizedDataset.Load(file, tokenizer, options));
        if (recipe.Data.ValidationFraction <= 0) return (train, null);
        // Examples with the same prompt (the tokens without labels) stay together.
        var (trainPart, validationPart) = DatasetSplit.Split(train.Examples, recipe.Data.ValidationFraction, (int)recipe.Training.Seed,
            e => string.Join(',', e.InputIds.Where((_, i) => e.Labels[i] == TokenizedExample.IgnoreIndex)));
        return (TokenizedDataset.FromExamples(trainPart), TokenizedDataset.FromExamples(validationPart));
    }

    Dictionary<string, string> SaveArtifacts(LlamaForCausalLM model, string tokenizerDir, string runDir)
    {
        var artifacts = new Dictionary<string, string>();
        if (recipe.Method == "full")
        {
            var dir = Path.Combine(runDir, "model");
            model.to(ScalarType.Float32);
            LlamaCheckpoint.Save(model, dir);
            TextTokenizer.CopyFiles(tokenizerDir, dir);
            artifacts["model"] = "model";
            return artifacts;
        }

        var adapterDir = Path.Combine(runDir, "adapter");
        PeftAdapter.Save(model, Lora(), adapterDir, Path.GetFullPath(recipe.Model.Path!));
        artifacts["adapter"] = "adapter";
        if (recipe.Lora.SaveMerged)
        {
            LoraInjector.MergeAndUnload(model);
            QLoraPreparer.Dequantize(model);
            model.to(ScalarType.Float32);
            var merged = Path.Combine(runDir, "merged");
            LlamaCheckpoint.Save(model, merged);
            TextTokenizer.CopyFiles(tokenizerDir, merged);
            artifacts["merged"] = "merged";
        }
        return artifacts;
    }
}

/// <summary>What <c>summary.json</c> holds.</summary>
public sealed record TrainSummary(
    string Name, string Method, TrainResult Result, long TotalParameters, long TrainableParameters,
    DatasetStats TrainData, DatasetStats? ValidationData, QuantizationReport? Quantization,
    IReadOnlyDictionary<string, string> Artifacts, IReadOnlyList<string> Curves)
{
    public string ToJson() => JsonSerializer.Serialize(this, Recipe.Json);
}
