using System.Text.Json;
using System.Text.Json.Nodes;
using Tailor.Engine.Checkpoints;
using Tailor.Engine.Models;
using Tailor.Engine.Tests.Checkpoints;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Models;

/// <summary>
/// DistilBERT against an independent implementation and on its own terms. Golden/make_golden_distilbert.py writes a
/// tiny random classifier and masked-LM (one shared encoder, dim 32, 2 layers, 3 labels) and the logits a plain
/// PyTorch reference of HF's modeling_distilbert.py gives on two rows, the second padded behind its attention mask.
/// </summary>
public class DistilBertTests
{
    sealed record Expected(long[][] input_ids, long[][] attention_mask, long[] shape, float[][] logits);

    static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", "tiny-distilbert", name);

    static Expected ReadExpected(string name) =>
        JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.Combine(Folder(name), "expected.json")))!;

    static Tensor Rows(long[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length);

    static float MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    /// <summary>A fresh tiny config; dropout is on, so only eval mode is deterministic.</summary>
    static DistilBertConfig Tiny(string architecture = DistilBertConfig.SequenceClassification) => new()
    {
        Architecture = architecture,
        VocabSize = 50,
        Dim = 32,
        HiddenDim = 64,
        NLayers = 2,
        NHeads = 4,
        MaxPositionEmbeddings = 16,
        Labels = ["no", "yes"],
    };

    [Fact]
    public void ClassifierLogitsMatchTheReferenceTo1e4()
    {
        var expected = ReadExpected("classifier");
        using var model = DistilBertCheckpoint.LoadClassifier(Folder("classifier"));
        model.eval();
        using var scope = NewDisposeScope();
        var logits = model.forward(Rows(expected.input_ids), Rows(expected.attention_mask));
        var reference = tensor(expected.logits.SelectMany(r => r).ToArray(), expected.shape);
        Assert.Equal(expected.shape, logits.shape);
        Assert.True(MaxDiff(logits, reference) < 1e-4f, $"max |logit - reference| = {MaxDiff(logits, reference)}");
        Assert.Equal(["negative", "neutral", "positive"], model.Config.Labels);
    }

    [Fact]
    public void MaskedLmLogitsMatchTheReferenceTo1e4AtEveryPosition()
    {
        var expected = ReadExpected("masked-lm");
        using var model = DistilBertCheckpoint.LoadMaskedLM(Folder("masked-lm"));
        model.eval();
        using var scope = NewDisposeScope();
        var logits = model.forward(Rows(expected.input_ids), Rows(expected.attention_mask));
        var reference = tensor(expected.logits.SelectMany(r => r).ToArray(), expected.shape);
        Assert.Equal(expected.shape, logits.shape);
        Assert.True(MaxDiff(logits, reference) < 1e-4f, $"max |logit - reference| = {MaxDiff(logits, reference)}");
    }

    [Fact]
    public void MaskedLmHeadOnSelectedPositionsEqualsTheFullOutputThere()
    {
        var expected = ReadExpected("masked-lm");
        using var model = DistilBertCheckpoint.LoadMaskedLM(Folder("masked-lm"));
        model.eval();
        using var scope = NewDisposeScope();
        var ids = Rows(expected.input_ids);
        var mask = Rows(expected.attention_mask);
        var selected = zeros(ids.shape, ScalarType.Bool);
        selected[0, 3] = tensor(true);
        selected[0, 7] = tensor(true);
        selected[1, 2] = tensor(true);
        var full = model.forward(ids, mask);
        var some = model.forward(ids, mask, selected);
        Assert.Equal([3L, 96L], some.shape);
        Assert.True(MaxDiff(some, stack([full[0, 3], full[0, 7], full[1, 2]])) < 1e-5f);
    }

    [Fact]
    public void PaddingARowDoesNotChangeItsLogits()
    {
        using var model = DistilBertCheckpoint.LoadClassifier(Folder("classifier"));
        model.eval();
        using var scope = NewDisposeScope();
        var alone = model.forward(tensor(new long[] { 2, 50, 11, 77, 3 }, 1, 5), null);
        // Whatever sits in the padded positions is invisible behind the mask, [PAD] or not.
        var padded = tensor(new long[] { 2, 50, 11, 77, 3, 0, 0, 0, 0, 0, 2, 50, 11, 77, 3, 81, 14, 60, 95, 7 }, 2, 10);
        var mask = tensor(new long[] { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 }, 2, 10);
        var logits = model.forward(padded, mask);
        Assert.True(MaxDiff(logits[0], alone[0]) < 1e-5f, $"[PAD]-padded row moved by {MaxDiff(logits[0], alone[0])}");
        Assert.True(MaxDiff(logits[1], alone[0]) < 1e-5f, $"junk-padded row moved by {MaxDiff(logits[1], alone[0])}");
        // Without the mask the padding is attended to, and the logits do change: the mask is what protects them.
        var unmasked = model.forward(padded, null);
        Assert.True(MaxDiff(unmasked[1], alone[0]) > 1e-3f);
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalLogits()
    {
        using var dir = new TempDirectory();
        var expected = ReadExpected("classifier");
        using var scope = NewDisposeScope();
        var ids = Rows(expected.input_ids);
        var mask = Rows(expected.attention_mask);

        using var classifier = DistilBertCheckpoint.LoadClassifier(Folder("classifier"));
        classifier.eval();
        DistilBertCheckpoint.Save(classifier, classifier.Config, dir.File("classifier"));
        using var classifierAgain = DistilBertCheckpoint.LoadClassifier(dir.File("classifier"));
        classifierAgain.eval();
        TensorAssert.BitEqual(classifier.forward(ids, mask), classifierAgain.forward(ids, mask), "classifier logits");
        Assert.Equal(classifier.Config.ToJson(), classifierAgain.Config.ToJson());

        using var maskedLm = DistilBertCheckpoint.LoadMaskedLM(Folder("masked-lm"));
        maskedLm.eval();
        DistilBertCheckpoint.Save(maskedLm, maskedLm.Config, dir.File("masked-lm"));
        // HF's layout: the tied projector weight is not written, only its bias.
        var saved = SafeTensorsReader.ReadHeader(Path.Combine(dir.File("masked-lm"), "model.safetensors"));
        Assert.Contains(DistilBertForMaskedLM.ProjectorBiasKey, saved.Keys);
        Assert.DoesNotContain("vocab_projector.weight", saved.Keys);
        using var maskedLmAgain = DistilBertCheckpoint.LoadMaskedLM(dir.File("masked-lm"));
        maskedLmAgain.eval();
        TensorAssert.BitEqual(maskedLm.forward(ids, mask), maskedLmAgain.forward(ids, mask), "masked-LM logits");
    }

    [Fact]
    public void StrictLoadingNamesMissingAndUnexpectedKeys()
    {
        using var dir = new TempDirectory();
        CopyWithTensors(Folder("classifier"), dir.Path, tensors =>
        {
            tensors.Remove("distilbert.transformer.layer.1.ffn.lin2.bias");
            tensors["classifier.extra"] = zeros(3);
        });
        var e = Assert.Throws<CheckpointMismatchException>(() => DistilBertCheckpoint.LoadClassifier(dir.Path));
        Assert.Equal(["distilbert.transformer.layer.1.ffn.lin2.bias"], e.MissingKeys);
        Assert.Equal(["classifier.extra"], e.UnexpectedKeys);
        Assert.Contains("distilbert.transformer.layer.1.ffn.lin2.bias", e.Message);
        Assert.Contains("classifier.extra", e.Message);

        // A masked-LM checkpoint is not a classifier: its head is named, not silently dropped.
        var wrongHead = Assert.Throws<CheckpointMismatchException>(() => DistilBertCheckpoint.LoadClassifier(Folder("masked-lm")));
        Assert.Contains("pre_classifier.weight", wrongHead.MissingKeys);
        Assert.Contains("vocab_transform.weight", wrongHead.UnexpectedKeys);
    }

    [Fact]
    public void MaskedLmAcceptsAnExportedTiedProjectorWeight()
    {
        using var dir = new TempDirectory();
        CopyWithTensors(Folder("masked-lm"), dir.Path,
            tensors => tensors["vocab_projector.weight"] = tensors["distilbert.embeddings.word_embeddings.weight"].clone());
        using var model = DistilBertCheckpoint.LoadMaskedLM(dir.Path);
        Assert.Equal(96, model.Config.VocabSize);
    }

    [Fact]
    public void ClassifierFromEncoderCopiesTheEncoderAndCreatesANewHead()
    {
        string[] labels = ["bad", "good"];
        using var fromMaskedLm = DistilBertCheckpoint.ClassifierFromEncoder(Folder("masked-lm"), labels);
        using var maskedLm = DistilBertCheckpoint.LoadMaskedLM(Folder("masked-lm"));
        using var scope = NewDisposeScope();

        Assert.Equal(DistilBertConfig.SequenceClassification, fromMaskedLm.Config.Architecture);
        Assert.Equal(labels, fromMaskedLm.Config.Labels);
        var encoder = StateDictLoader.StateDict(maskedLm.Encoder);
        var copied = StateDictLoader.StateDict(fromMaskedLm.Encoder);
        Assert.Equal(encoder.Keys.Order(StringComparer.Ordinal), copied.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in encoder) TensorAssert.BitEqual(value, copied[name], name);

        var head = StateDictLoader.StateDict(fromMaskedLm).Where(p => !p.Key.StartsWith("distilbert.", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["classifier.bias", "classifier.weight", "pre_classifier.bias", "pre_classifier.weight"], head.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([2L, 32L], head["classifier.weight"].shape);
        // A fresh head: N(0, 0.02) weights, zero biases.
        Assert.Equal(0f, head["classifier.bias"].abs().max().item<float>());
        Assert.InRange(head["pre_classifier.weight"].std().item<float>(), 0.015f, 0.025f);

        // The same encoder gives the classifier folder's hidden states (the golden folders share their encoder).
        using var classifier = DistilBertCheckpoint.LoadClassifier(Folder("classifier"));
        fromMaskedLm.eval();
        classifier.eval();
        var ids = tensor(new long[] { 2, 17, 42, 5, 88, 3 }, 1, 6);
        TensorAssert.BitEqual(classifier.Encoder.forward(ids, null), fromMaskedLm.Encoder.forward(ids, null), "hidden states");
    }

    [Fact]
    public void EvalModeIsDeterministicAndTrainModeDropsOut()
    {
        using var model = new DistilBertForSequenceClassification(Tiny());
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 2, 7, 9, 11, 13, 3 }, 1, 6);
        model.eval();
        TensorAssert.BitEqual(model.forward(ids, null), model.forward(ids, null), "eval logits");
        model.train();
        Assert.True(MaxDiff(model.forward(ids, null), model.forward(ids, null)) > 0f, "dropout should make training passes differ");
    }

    [Fact]
    public void AFreshModelIsInitialisedLikeHf()
    {
        using var model = new DistilBertForMaskedLM(Tiny(DistilBertConfig.MaskedLM));
        using var scope = NewDisposeScope();
        var state = StateDictLoader.StateDict(model);
        var words = state["distilbert.embeddings.word_embeddings.weight"];
        Assert.Equal(0f, words[0].abs().max().item<float>());  // the [PAD] row
        Assert.InRange(words.slice(0, 1, 50, 1).std().item<float>(), 0.015f, 0.025f);
        Assert.Equal(1f, state["distilbert.transformer.layer.0.sa_layer_norm.weight"].min().item<float>());
        Assert.Equal(0f, state[DistilBertForMaskedLM.ProjectorBiasKey].abs().max().item<float>());
        Assert.Equal(Tiny().EncoderParameterCount(), state.Where(p => p.Key.StartsWith("distilbert.", StringComparison.Ordinal)).Sum(p => p.Value.numel()));
    }

    [Fact]
    public void InputsLongerThanThePositionTableAreAClearError()
    {
        using var model = new DistilBertForSequenceClassification(Tiny());
        using var scope = NewDisposeScope();
        var e = Assert.Throws<EngineException>(() => model.forward(ones(1, 17, ScalarType.Int64), null));
        Assert.Contains("16 positions", e.Message);
    }

    [Fact]
    public void ConfigRoundTripsThroughHfJson()
    {
        var config = Tiny() with { Dropout = 0.05, Activation = "relu", PadTokenId = 3, Labels = ["a", "b", "c"], TorchDtype = "bfloat16" };
        var json = config.ToJson();
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var key in new[] { "dim", "hidden_dim", "n_layers", "n_heads", "vocab_size", "id2label", "label2id", "sinusoidal_pos_embds" })
            Assert.True(root.ContainsKey(key), $"config.json lacks HF's '{key}'");
        Assert.Equal("distilbert", root["model_type"]!.GetValue<string>());
        Assert.Equal(2, root["label2id"]!["c"]!.GetValue<int>());

        var back = DistilBertConfig.FromJson(json);
        Assert.Equal(config.Labels, back.Labels);
        Assert.Equal(config with { Labels = back.Labels }, back);
        Assert.Equal(json, back.ToJson());

        using var dir = new TempDirectory();
        config.Save(dir.Path);
        Assert.Equal(json, DistilBertConfig.Load(dir.Path).ToJson());
    }

    [Fact]
    public void MissingFieldsTakeDistilBertBaseDefaults()
    {
        var c = DistilBertConfig.FromJson("""{"model_type": "distilbert"}""");
        Assert.Equal((30522, 768, 3072, 6, 12, 512), (c.VocabSize, c.Dim, c.HiddenDim, c.NLayers, c.NHeads, c.MaxPositionEmbeddings));
        Assert.Equal(64, c.HeadDim);
        // distilbert-base-uncased's encoder has 66.4M parameters.
        Assert.InRange(c.EncoderParameterCount(), 66_300_000, 66_400_000);
    }

    [Theory]
    [InlineData("""{"dim": 30, "n_heads": 4}""", "'dim' (30) must be a multiple of 'n_heads' (4)")]
    [InlineData("""{"n_heads": 0}""", "'n_heads' must be positive")]
    [InlineData("""{"dim": -8}""", "'dim' must be positive")]
    [InlineData("""{"sinusoidal_pos_embds": true}""", "'sinusoidal_pos_embds' = true is not supported")]
    [InlineData("""{"model_type": "bert"}""", "model_type 'bert' is not 'distilbert'")]
    [InlineData("""{"activation": "swish"}""", "'activation' = 'swish' is not supported")]
    [InlineData("""{"dropout": 1.0}""", "'dropout' must be in [0, 1)")]
    [InlineData("""{"vocab_size": 10, "pad_token_id": 10}""", "'pad_token_id' 10 is outside the vocabulary of 10")]
    [InlineData("""{"dim": "wide"}""", "'dim' has the wrong type")]
    [InlineData("""{"id2label": {"0": "a", "2": "b"}}""", "'id2label' keys must be 0 … 1, got '2'")]
    [InlineData("""[1, 2]""", "the top level must be a JSON object")]
    [InlineData("""{"dim": """, "not valid JSON")]
    public void BadConfigsAreErrorsThatNameTheFileAndField(string json, string message)
    {
        var e = Assert.Throws<EngineException>(() => DistilBertConfig.FromJson(json, "my/config.json"));
        Assert.StartsWith("my/config.json: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AFolderWithoutConfigIsAClearError()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<EngineException>(() => DistilBertCheckpoint.LoadClassifier(dir.Path));
        Assert.Contains("config.json: not found", e.Message);
    }

    /// <summary>Copies a golden folder's config and writes its tensors after <paramref name="edit"/>.</summary>
    static void CopyWithTensors(string from, string to, Action<Dictionary<string, Tensor>> edit)
    {
        File.Copy(Path.Combine(from, "config.json"), Path.Combine(to, "config.json"));
        using var scope = NewDisposeScope();
        var tensors = SafeTensorsReader.LoadDirectory(from);
        edit(tensors);
        SafeTensorsWriter.Save(tensors, Path.Combine(to, "model.safetensors"));
    }
}
