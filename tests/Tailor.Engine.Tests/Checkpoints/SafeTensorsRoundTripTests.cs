using Tailor.Engine.Checkpoints;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Checkpoints;

/// <summary>What the writer writes, the reader reads back bit for bit, in every supported dtype.</summary>
public class SafeTensorsRoundTripTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.Int16)]
    [InlineData(ScalarType.Int8)]
    [InlineData(ScalarType.Byte)]
    [InlineData(ScalarType.Bool)]
    public void RoundTripIsBitExact(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var generator = new Generator(11);
        var source = is_floating_point(dtype)
            ? randn([3, 5], generator: generator).mul(1000).to(dtype)
            : randint(0, dtype == ScalarType.Bool ? 2 : 100, [3, 5], generator: generator).to(dtype);
        var path = dir.File("model.safetensors");

        SafeTensorsWriter.Save(new Dictionary<string, Tensor> { ["w"] = source }, path);
        var loaded = SafeTensorsReader.Load(path);

        Assert.Equal("w", Assert.Single(loaded).Key);
        TensorAssert.BitEqual(source, loaded["w"]);
    }

    [Fact]
    public void SpecialFloatBitPatternsSurvive()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, 65504f, 1e-8f];
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = tensor(values),
            ["bf16"] = tensor(values).to(ScalarType.BFloat16),
            ["f16"] = tensor(values).to(ScalarType.Float16),
        };
        var path = dir.File("special.safetensors");

        SafeTensorsWriter.Save(tensors, path);
        var loaded = SafeTensorsReader.Load(path);

        foreach (var (name, original) in tensors)
        {
            TensorAssert.BitEqual(original, loaded[name], name);
        }
    }

    [Fact]
    public void NonContiguousScalarAndEmptyTensorsRoundTrip()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var matrix = arange(12, dtype: ScalarType.Float32).reshape(3, 4);
        var tensors = new Dictionary<string, Tensor>
        {
            ["transposed"] = matrix.t(),
            ["scalar"] = tensor(2.5f),
            ["empty"] = zeros([0, 3]),
        };
        var path = dir.File("shapes.safetensors");

        SafeTensorsWriter.Save(tensors, path);
        var loaded = SafeTensorsReader.Load(path);

        TensorAssert.BitEqual(matrix.t(), loaded["transposed"]);
        Assert.Equal([4L, 3L], loaded["transposed"].shape);
        Assert.Empty(loaded["scalar"].shape);
        Assert.Equal(2.5f, loaded["scalar"].item<float>());
        Assert.Equal([0L, 3L], loaded["empty"].shape);
    }

    [Fact]
    public void CastToConvertsOnlyFloatingPointTensors()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var weights = randn([4, 4], generator: new Generator(3)).to(ScalarType.BFloat16);
        var positions = arange(4, dtype: ScalarType.Int64);
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Save(new Dictionary<string, Tensor> { ["w"] = weights, ["pos"] = positions }, path);

        var loaded = SafeTensorsReader.Load(path, castTo: ScalarType.Float32);

        Assert.Equal(ScalarType.Float32, loaded["w"].dtype);
        TensorAssert.BitEqual(weights.to(ScalarType.Float32), loaded["w"]);
        Assert.Equal(ScalarType.Int64, loaded["pos"].dtype);
        TensorAssert.BitEqual(positions, loaded["pos"]);
    }

    [Fact]
    public void MetadataRoundTrips()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "tailor é+1" };

        SafeTensorsWriter.Save(new Dictionary<string, Tensor> { ["w"] = ones(2) }, path, metadata);

        Assert.Equal(metadata, SafeTensorsReader.ReadMetadata(path));
        var info = SafeTensorsReader.ReadHeader(path)["w"];
        Assert.Equal("F32", info.DTypeName);
        Assert.Equal([2L], info.Shape);
        Assert.Equal(8, info.ByteLength);
    }

    [Fact]
    public void SavingReplacesAnExistingFileAndLeavesNoTemporaries()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");

        SafeTensorsWriter.Save(new Dictionary<string, Tensor> { ["old"] = ones(2) }, path);
        SafeTensorsWriter.Save(new Dictionary<string, Tensor> { ["new"] = zeros(3) }, path);

        Assert.Equal(["new"], SafeTensorsReader.ReadHeader(path).Keys);
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriterRejectsWhatTheFormatCannotHoldBeforeWriting()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();

        var complex = Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Save(
            new Dictionary<string, Tensor> { ["ok"] = ones(1), ["z"] = zeros(2, dtype: ScalarType.ComplexFloat32) },
            dir.File("model.safetensors")));
        var reserved = Assert.Throws<ArgumentException>(() => SafeTensorsWriter.SaveSharded(
            new Dictionary<string, Tensor> { ["__metadata__"] = ones(1) }, dir.Path, maxShardBytes: 1));

        Assert.Contains("tensor 'z'", complex.Message, StringComparison.Ordinal);
        Assert.Contains("reserved", reserved.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
