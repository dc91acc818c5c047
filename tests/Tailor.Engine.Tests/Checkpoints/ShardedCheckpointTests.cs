using System.Text.Json;
using Tailor.Engine.Checkpoints;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Checkpoints;

/// <summary>Hugging Face sharded layout: <c>model-0000i-of-0000n.safetensors</c> plus <c>model.safetensors.index.json</c>.</summary>
public class ShardedCheckpointTests
{
    private static Dictionary<string, Tensor> SomeTensors()
    {
        var generator = new Generator(5);
        return new Dictionary<string, Tensor>
        {
            ["model.embed_tokens.weight"] = randn([16, 8], generator: generator).to(ScalarType.BFloat16), // 256 bytes
            ["model.layers.0.mlp.up_proj.weight"] = randn([8, 8], generator: generator),                   // 256 bytes
            ["model.layers.0.input_layernorm.weight"] = ones(8),                                           // 32 bytes
            ["model.norm.weight"] = ones(8, dtype: ScalarType.Float16),                                    // 16 bytes
            ["lm_head.weight"] = randn([16, 8], generator: generator),                                     // 512 bytes
        };
    }

    private static void AssertSameTensors(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in expected)
        {
            TensorAssert.BitEqual(tensor, actual[name], name);
        }
    }

    [Fact]
    public void ShardedSaveLoadsLikeASingleFile()
    {
        using var scope = NewDisposeScope();
        using var sharded = new TempDirectory();
        using var single = new TempDirectory();
        var tensors = SomeTensors();

        var written = SafeTensorsWriter.SaveSharded(tensors, sharded.Path, maxShardBytes: 300);
        SafeTensorsWriter.Save(tensors, single.File("model.safetensors"));

        Assert.True(written.Count > 2);
        Assert.False(File.Exists(sharded.File("model.safetensors")));
        Assert.True(File.Exists(sharded.File("model-00001-of-00003.safetensors")));
        Assert.True(File.Exists(sharded.File("model-00003-of-00003.safetensors")));
        AssertSameTensors(SafeTensorsReader.Load(single.File("model.safetensors")), SafeTensorsReader.LoadDirectory(sharded.Path));
        AssertSameTensors(tensors, SafeTensorsReader.LoadDirectory(sharded.Path));
    }

    [Fact]
    public void IndexFollowsTheHuggingFaceLayout()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.SaveSharded(SomeTensors(), dir.Path, maxShardBytes: 300);

        using var index = JsonDocument.Parse(File.ReadAllText(dir.File("model.safetensors.index.json")));
        Assert.Equal(256 + 256 + 32 + 16 + 512, index.RootElement.GetProperty("metadata").GetProperty("total_size").GetInt64());
        var map = index.RootElement.GetProperty("weight_map");
        Assert.Equal("model-00001-of-00003.safetensors", map.GetProperty("lm_head.weight").GetString());
        foreach (var entry in map.EnumerateObject())
        {
            Assert.Contains(entry.Name, SafeTensorsReader.ReadHeader(dir.File(entry.Value.GetString()!)).Keys);
        }
    }

    [Fact]
    public void FittingCheckpointIsOneFileAndReplacesOldShards()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.SaveSharded(SomeTensors(), dir.Path, maxShardBytes: 300);

        var written = SafeTensorsWriter.SaveSharded(SomeTensors(), dir.Path, maxShardBytes: 1 << 20);

        Assert.Equal([dir.File("model.safetensors")], written);
        Assert.Equal([dir.File("model.safetensors")], Directory.GetFiles(dir.Path));
        AssertSameTensors(SomeTensors(), SafeTensorsReader.LoadDirectory(dir.Path));
    }

    [Fact]
    public void ShardedSaveRemovesAnOldSingleFile()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.SaveSharded(new Dictionary<string, Tensor> { ["stale"] = ones(1) }, dir.Path, maxShardBytes: 1 << 20);

        SafeTensorsWriter.SaveSharded(SomeTensors(), dir.Path, maxShardBytes: 300);

        Assert.False(File.Exists(dir.File("model.safetensors")));
        AssertSameTensors(SomeTensors(), SafeTensorsReader.LoadDirectory(dir.Path));
    }

    [Fact]
    public void IndexNamingAMissingShardIsAnError()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.SaveSharded(SomeTensors(), dir.Path, maxShardBytes: 300);
        File.Delete(dir.File("model-00002-of-00003.safetensors"));

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.LoadDirectory(dir.Path));

        Assert.Contains("model.safetensors.index.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'model-00002-of-00003.safetensors', which is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexNamingATensorNotInItsShardIsAnError()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.SaveSharded(SomeTensors(), dir.Path, maxShardBytes: 300);
        var indexPath = dir.File("model.safetensors.index.json");
        File.WriteAllText(indexPath, File.ReadAllText(indexPath).Replace(
            "\"model.norm.weight\": \"model-00003-of-00003.safetensors\"",
            "\"model.norm.weight\": \"model-00001-of-00003.safetensors\"",
            StringComparison.Ordinal));

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.LoadDirectory(dir.Path));

        Assert.Contains("'model.norm.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'model-00001-of-00003.safetensors', but that shard does not hold it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexCannotPointOutsideTheDirectory()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("model.safetensors.index.json"), """{"weight_map":{"w":"../elsewhere.safetensors"}}""");

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.LoadDirectory(dir.Path));

        Assert.Contains("not a file name in the checkpoint directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryWithoutACheckpointIsAnError()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.LoadDirectory(dir.Path));

        Assert.Contains(dir.Path, error.Message, StringComparison.Ordinal);
    }
}
