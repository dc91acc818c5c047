using Tailor.Engine.Checkpoints;
using Tailor.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Models;

public class LlamaCheckpointTests
{
    static readonly Tensor Ids = tensor(new long[] { 1, 5, 9, 13, 2, 77, 40 }, 1, 7);

    static float MaxDiff(Tensor a, Tensor b) => (a.to(ScalarType.Float32) - b.to(ScalarType.Float32)).abs().max().item<float>();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SaveThenLoadGivesIdenticalLogits(bool tied)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(TinyModels.Llama(tied: tied));
        LlamaCheckpoint.Save(model, dir.Path);
        using var loaded = LlamaCheckpoint.Load(dir.Path);
        Assert.Equal(model.Config, loaded.Config with { EosTokenIds = model.Config.EosTokenIds });
        Assert.Equal(0f, MaxDiff(model.forward(Ids, null), loaded.forward(Ids, null)));
        Assert.Equal(tied, !SafeTensorsReader.ReadHeader(Path.Combine(dir.Path, "model.safetensors")).ContainsKey("lm_head.weight"));
    }

    [Fact]
    public void ShardedCheckpointEqualsSingleFile()
    {
        using var single = new TempDirectory();
        using var sharded = new TempDirectory();
        using var model = TinyModels.Build(TinyModels.Qwen2());
        LlamaCheckpoint.Save(model, single.Path);
        LlamaCheckpoint.Save(model, sharded.Path, maxShardBytes: 16 * 1024);
        Assert.True(File.Exists(Path.Combine(sharded.Path, "model.safetensors.index.json")));
        Assert.True(Directory.GetFiles(sharded.Path, "model-*-of-*.safetensors").Length > 2);
        using var a = LlamaCheckpoint.Load(single.Path);
        using var b = LlamaCheckpoint.Load(sharded.Path);
        Assert.Equal(0f, MaxDiff(a.forward(Ids, null), b.forward(Ids, null)));
    }

    [Fact]
    public void Bf16CheckpointLoadsWithinToleranceOfFp32()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(TinyModels.Llama());
        var reference = model.forward(Ids, null);
        model.to(ScalarType.BFloat16);
        LlamaCheckpoint.Save(model, dir.Path);
        Assert.Contains("bfloat16", File.ReadAllText(Path.Combine(dir.Path, "config.json")));
        using var loaded = LlamaCheckpoint.Load(dir.Path);
        Assert.Equal(ScalarType.BFloat16, loaded.DType);
        using var upcast = LlamaCheckpoint.Load(dir.Path, ScalarType.Float32);
        var scale = reference.abs().max().item<float>();
        Assert.InRange(MaxDiff(reference, loaded.forward(Ids, null)) / scale, 0f, 0.05f);
        Assert.InRange(MaxDiff(reference, upcast.forward(Ids, null)) / scale, 0f, 0.05f);
    }

    [Fact]
    public void WrongShapedTensorIsNamedWithBothShapes()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(TinyModels.Llama());
        LlamaCheckpoint.Save(model, dir.Path);
        // The config now says the MLP is wider than the weights on disk.
        (model.Config with { IntermediateSize = 72 }).Save(dir.Path);
        var e = Assert.Throws<CheckpointMismatchException>(() => LlamaCheckpoint.Load(dir.Path));
        Assert.Contains("model.layers.0.mlp.up_proj.weight", e.Message);
        Assert.Contains("72", e.Message);
        Assert.Contains("64", e.Message);
        Assert.Contains(dir.Path, e.Message);
    }

    [Fact]
    public void TruncatedWeightsAreAnErrorNamingTheFile()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(TinyModels.Llama());
        LlamaCheckpoint.Save(model, dir.Path);
        var file = Path.Combine(dir.Path, "model.safetensors");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<EngineException>(() => LlamaCheckpoint.Load(dir.Path));
        Assert.Contains("model.safetensors", e.Message);
    }

    [Fact]
    public void UnknownHiddenActIsAnErrorNamingFileAndField()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Build(TinyModels.Llama());
        LlamaCheckpoint.Save(model, dir.Path);
        var configPath = Path.Combine(dir.Path, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"silu\"", "\"gelu_new\"", StringComparison.Ordinal));
        var e = Assert.Throws<EngineException>(() => LlamaCheckpoint.Load(dir.Path));
        Assert.Contains("hidden_act", e.Message);
        Assert.Contains(configPath, e.Message);
    }
}
