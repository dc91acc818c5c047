using Tailor.Engine.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Models;

/// <summary>
/// A DistilBERT folder in Hugging Face layout: <c>config.json</c>, <c>model.safetensors</c> and <c>vocab.txt</c>
/// (read by <c>WordPieceVocabulary</c>/<c>BertTokenizer</c>). Loads are strict and name every missing,
/// unexpected or mis-shaped tensor, except where a new head is meant to be created, as HF's
/// <c>from_pretrained</c> does when a masked-LM checkpoint becomes a classifier.
/// </summary>
public static class DistilBertCheckpoint
{
    const string EncoderPrefix = "distilbert.";

    public static DistilBertForSequenceClassification LoadClassifier(string modelDir, ScalarType? dtype = null)
    {
        var config = DistilBertConfig.Load(modelDir);
        var model = new DistilBertForSequenceClassification(config);
        LoadStrict(model, modelDir, config, dtype, ignored: new HashSet<string>());
        return model;
    }

    public static DistilBertForMaskedLM LoadMaskedLM(string modelDir, ScalarType? dtype = null)
    {
        var config = DistilBertConfig.Load(modelDir);
        var model = new DistilBertForMaskedLM(config);
        // Exporters that do not drop tied weights write vocab_projector.weight, equal to the embeddings.
        LoadStrict(model, modelDir, config, dtype, ignored: new HashSet<string> { "vocab_projector.weight" });
        return model;
    }

    /// <summary>
    /// A classifier whose encoder comes from <paramref name="modelDir"/> (a masked-LM or classifier checkpoint)
    /// and whose head is new, initialised from torch's current seed: the start of fine-tuning.
    /// </summary>
    public static DistilBertForSequenceClassification ClassifierFromEncoder(string modelDir, IReadOnlyList<string> labels)
    {
        var config = DistilBertConfig.Load(modelDir) with { Architecture = DistilBertConfig.SequenceClassification, Labels = labels };
        var model = new DistilBertForSequenceClassification(config);
        using var scope = NewDisposeScope();
        var encoder = SafeTensorsReader.LoadDirectory(modelDir, ScalarType.Float32)
            .Where(t => t.Key.StartsWith(EncoderPrefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[EncoderPrefix.Length..], t => t.Value, StringComparer.Ordinal);
        StateDictLoader.LoadInto(model.Encoder, encoder, modelDir, strict: true);
        return model;
    }

    /// <summary>Writes <c>config.json</c> (with the model's dtype) and <c>model.safetensors</c>.</summary>
    public static void Save(nn.Module model, DistilBertConfig config, string modelDir)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        Directory.CreateDirectory(modelDir);
        using var scope = NewDisposeScope();
        var state = StateDictLoader.StateDict(model);
        var dtype = state.Values.First().dtype;
        (config with { TorchDtype = DtypeNames.Name(dtype) }).Save(modelDir);
        SafeTensorsWriter.Save(state, Path.Combine(modelDir, "model.safetensors"), new Dictionary<string, string> { ["format"] = "pt" });
    }

    static void LoadStrict(nn.Module model, string modelDir, DistilBertConfig config, ScalarType? dtype, IReadOnlySet<string> ignored)
    {
        var type = dtype ?? DtypeNames.Parse(config.TorchDtype, $"{Path.Combine(modelDir, "config.json")}: 'torch_dtype'");
        model.to(type);
        using var scope = NewDisposeScope();
        var tensors = SafeTensorsReader.LoadDirectory(modelDir, type);
        StateDictLoader.LoadInto(model, tensors, modelDir, strict: true, ignoredKeys: ignored);
    }
}
