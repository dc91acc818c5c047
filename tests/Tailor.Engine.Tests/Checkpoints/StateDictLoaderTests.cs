using Tailor.Engine.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Checkpoints;

/// <summary>Loading a checkpoint into a module: strict, complete error reports, dtype conversion, tied and ignored keys.</summary>
public class StateDictLoaderTests
{
    /// <summary>
    /// A model with the kinds of state a decoder has: an embedding, a head that may be tied to it,
    /// a persistent buffer, a rotary-style buffer checkpoints may or may not carry, and a non-persistent mask.
    /// </summary>
    private sealed class Tiny : nn.Module<Tensor, Tensor>
    {
        private readonly Embedding embed_tokens;
        private readonly Linear lm_head;

        public Tiny() : base(nameof(Tiny))
        {
            embed_tokens = nn.Embedding(10, 4);
            lm_head = nn.Linear(4, 10, hasBias: false);
            register_buffer("scale", ones(4));
            register_buffer("inv_freq", ones(2));
            register_buffer("causal_mask", ones(3, 3), persistent: false);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => lm_head.forward(embed_tokens.forward(input));
    }

    private static readonly HashSet<string> RotaryBuffers = ["inv_freq"];

    private static Dictionary<string, Tensor> CheckpointFor(Tiny model) =>
        StateDictLoader.StateDict(model, RotaryBuffers)
            .ToDictionary(e => e.Key, e => rand_like(e.Value), StringComparer.Ordinal);

    [Fact]
    public void StateDictHoldsParametersAndPersistentBuffersOnly()
    {
        using var scope = NewDisposeScope();
        using var model = new Tiny();

        var names = StateDictLoader.StateDict(model).Keys.Order(StringComparer.Ordinal);

        Assert.Equal(["embed_tokens.weight", "inv_freq", "lm_head.weight", "scale"], names);
    }

    [Fact]
    public void SaveThenLoadIntoAFreshModelRestoresEveryTensor()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        using var trained = new Tiny();
        using var fresh = new Tiny();
        var expected = CheckpointFor(trained);
        StateDictLoader.LoadInto(trained, expected, "memory", ignoredKeys: RotaryBuffers);
        var path = dir.File("model.safetensors");

        SafeTensorsWriter.Save(StateDictLoader.StateDict(trained, RotaryBuffers), path);
        var result = StateDictLoader.LoadInto(fresh, SafeTensorsReader.Load(path), path, ignoredKeys: RotaryBuffers);

        Assert.Equal(3, result.LoadedKeys.Count);
        foreach (var (name, tensor) in StateDictLoader.StateDict(fresh, RotaryBuffers))
        {
            TensorAssert.BitEqual(expected[name], tensor, name);
        }
        Assert.True(fresh.get_parameter("lm_head.weight")!.requires_grad);
    }

    [Fact]
    public void ConvertsToTheParameterDtype()
    {
        using var scope = NewDisposeScope();
        using var model = new Tiny();
        var checkpoint = CheckpointFor(model).ToDictionary(e => e.Key, e => e.Value.to(ScalarType.BFloat16));

        StateDictLoader.LoadInto(model, checkpoint, "bf16.safetensors", ignoredKeys: RotaryBuffers);

        var weight = StateDictLoader.StateDict(model)["embed_tokens.weight"];
        Assert.Equal(ScalarType.Float32, weight.dtype);
        TensorAssert.BitEqual(checkpoint["embed_tokens.weight"].to(ScalarType.Float32), weight);
    }

    [Fact]
    public void WrongShapeNamesTheTensorAndBothShapes()
    {
        using var scope = NewDisposeScope();
        using var model = new Tiny();
        var checkpoint = CheckpointFor(model);
        checkpoint["lm_head.weight"] = zeros(4, 10);

        var error = Assert.Throws<CheckpointMismatchException>(
            () => StateDictLoader.LoadInto(model, checkpoint, "model.safetensors", ignoredKeys: RotaryBuffers));

        Assert.Contains("model.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lm_head.weight': model expects [10, 4], checkpoint has [4, 10]", error.Message, StringComparison.Ordinal);
        var mismatch = Assert.Single(error.ShapeMismatches);
        Assert.Equal([10L, 4L], mismatch.Expected);
    }

    [Fact]
    public void EveryMissingAndUnexpectedKeyIsListedInOneMessageAndNothingIsCopied()
    {
        using var scope = NewDisposeScope();
        using var model = new Tiny();
        var before = StateDictLoader.StateDict(model).ToDictionary(e => e.Key, e => e.Value.clone());
        var checkpoint = CheckpointFor(model);
        checkpoint.Remove("lm_head.weight");
        checkpoint.Remove("scale");
        checkpoint["model.extra.weight"] = ones(1);
        checkpoint["other.bias"] = ones(1);
        checkpoint["embed_tokens.weight"] = ones(10, 5);

        var error = Assert.Throws<CheckpointMismatchException>(
            () => StateDictLoader.LoadInto(model, checkpoint, "ckpt-dir", ignoredKeys: RotaryBuffers));

        Assert.StartsWith("ckpt-dir: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 missing keys, 2 unexpected keys, 1 shape mismatch", error.Message, StringComparison.Ordinal);
        foreach (var line in new[]
        {
            "missing: 'lm_head.weight'", "missing: 'scale'",
            "unexpected: 'model.extra.weight'", "unexpected: 'other.bias'",
            "shape mismatch: 'embed_tokens.weight': model expects [10, 4], checkpoint has [10, 5]",
        })
        {
            Assert.Contains(line, error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(["lm_head.weight", "scale"], error.MissingKeys);
        Assert.Equal(["model.extra.weight", "other.bias"], error.UnexpectedKeys);
        foreach (var (name, tensor) in StateDictLoader.StateDict(model))
        {
            TensorAssert.BitEqual(before[name], tensor, name);
        }
    }

    [Fact]
    public void OptionalKeyMayBeAbsent()
    {
        using var scope = NewDisposeScope();
        using var model = new Tiny();
        var checkpoint = CheckpointFor(model);
        checkpoint.Remove("lm_head.weight");

        var result = StateDictLoader.LoadInto(
            model, checkpoint, "tied.safetensors",
            optionalKeys: new HashSet<string> { "lm_head.weight" }, ignoredKeys: RotaryBuffers);

        Assert.Empty(result.MissingKeys);
        Assert.DoesNotContain("lm_head.weight", result.LoadedKeys);
    }

    [Fact]
    public void IgnoredKeysAreNeitherMissingNorUnexpected()
    {
        using var scope = NewDisposeScope();
        using var withRotary = new Tiny();
        var checkpoint = CheckpointFor(withRotary);
        checkpoint["inv_freq"] = zeros(2);

        StateDictLoader.LoadInto(withRotary, checkpoint, "a", ignoredKeys: RotaryBuffers);
        checkpoint.Remove("inv_freq");
        StateDictLoader.LoadInto(withRotary, checkpoint, "b", ignoredKeys: RotaryBuffers);

        // Ignored means not loaded either: the model keeps the buffer it computed.
        TensorAssert.BitEqual(ones(2), StateDictLoader.StateDict(withRotary)["inv_freq"]);
    }

    [Fact]
    public void NonStrictLoadReportsWhatItSkipped()
    {
        using var scope = NewDisposeScope();
        using var model = new Tiny();
        var checkpoint = CheckpointFor(model);
        checkpoint.Remove("scale");
        checkpoint["extra"] = ones(1);

        var result = StateDictLoader.LoadInto(model, checkpoint, "partial", strict: false, ignoredKeys: RotaryBuffers);

        Assert.Equal(["scale"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);
        Assert.Equal(["embed_tokens.weight", "lm_head.weight"], result.LoadedKeys.Order(StringComparer.Ordinal));
    }
}
