using System.Buffers.Binary;
using Tailor.Engine.Checkpoints;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Checkpoints;

/// <summary>Damaged or inconsistent files fail with an <see cref="EngineException"/> that names the file and the tensor.</summary>
public class SafeTensorsValidationTests
{
    private static EngineException LoadFails(TempDirectory dir, string header, byte[] data)
    {
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, SafeTensorsFormatTests.FileBytes(header, data));
        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void TruncatedFileNamesTheFileAndTheTensor()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Save(
            new Dictionary<string, Tensor> { ["embed.weight"] = ones(4, 4), ["lm_head.weight"] = ones(4, 4) }, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lm_head.weight' needs bytes 64..128 but the file data has 118", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderLengthBeyondTheFileIsAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000_000);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.ReadHeader(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("header length 1000000 exceeds the file size (64 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileShorterThanTheLengthFieldIsAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsAnEngineException()
    {
        using var dir = new TempDirectory();
        var path = dir.File("absent.safetensors");

        var error = Assert.Throws<EngineException>(() => SafeTensorsReader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderThatIsNotJsonIsAnError()
    {
        using var dir = new TempDirectory();
        var error = LoadFails(dir, "this is not json", []);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderThatIsNotAnObjectIsAnError()
    {
        using var dir = new TempDirectory();
        var error = LoadFails(dir, "[1,2]", []);
        Assert.Contains("must be a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsetsThatDisagreeWithDtypeAndShapeAreAnError()
    {
        using var dir = new TempDirectory();
        var error = LoadFails(dir, """{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", new byte[12]);
        Assert.Contains("tensor 'w'", error.Message, StringComparison.Ordinal);
        Assert.Contains("hold 12 bytes, but dtype F32 and shape [2, 2] need 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingTensorsAreAnError()
    {
        using var dir = new TempDirectory();
        var error = LoadFails(
            dir,
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""",
            new byte[12]);
        Assert.Contains("tensor 'b' (bytes 4..12) overlaps tensor 'a' (bytes 0..8)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HolesAndTrailingBytesAreAnError()
    {
        using var dir = new TempDirectory();
        var hole = LoadFails(dir, """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]);
        Assert.Contains("bytes 0..4 before tensor 'a' belong to no tensor", hole.Message, StringComparison.Ordinal);

        var trailing = LoadFails(dir, """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[8]);
        Assert.Contains("bytes 4..8 after the last tensor", trailing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsetsPastTheEndAreAnError()
    {
        using var dir = new TempDirectory();
        var error = LoadFails(dir, """{"a":{"dtype":"U8","shape":[100],"data_offsets":[0,100]}}""", new byte[10]);
        Assert.Contains("truncated: tensor 'a' needs bytes 0..100 but the file data has 10", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}""", "unsupported dtype 'C64'")]
    [InlineData("""{"a":{"shape":[1],"data_offsets":[0,4]}}""", "missing string field 'dtype'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", "'shape' must hold non-negative integers")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", "data_offsets must be [begin, end]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", "end before they begin")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "names 'a' twice")]
    [InlineData("""{"__metadata__":{"n":1},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "entry 'n' must be a string")]
    public void MalformedEntriesAreErrors(string header, string expected)
    {
        using var dir = new TempDirectory();
        var error = LoadFails(dir, header, new byte[8]);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoolBytesOtherThanZeroOrOneAreAnError()
    {
        using var dir = new TempDirectory();
        var error = LoadFails(dir, """{"m":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}""", [1, 7]);
        Assert.Contains("tensor 'm'", error.Message, StringComparison.Ordinal);
    }
}
