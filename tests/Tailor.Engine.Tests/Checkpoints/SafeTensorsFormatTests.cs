using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Tailor.Engine.Checkpoints;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Checkpoints;

/// <summary>Byte-level compatibility with the safetensors specification, in both directions.</summary>
public class SafeTensorsFormatTests
{
    private static readonly float[] OneTwo = [1f, 2f];

    /// <summary>A file as the spec lays it out: u64 little-endian header length, the JSON header, the data buffer.</summary>
    internal static byte[] FileBytes(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }

    [Fact]
    public void ReadsAFileBuiltByHandFromTheSpec()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        // Entries out of data order, unpadded header, metadata last: all allowed by the spec.
        const string header =
            """{"b":{"dtype":"BF16","shape":[1,2],"data_offsets":[8,12]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"format":"pt"}}""";
        byte[] data =
        [
            0x00, 0x00, 0x80, 0x3F, // 1.0f
            0x00, 0x00, 0x00, 0xC0, // -2.0f
            0x40, 0x40,             // bf16 3.0
            0x80, 0xBF,             // bf16 -1.0
        ];
        var path = dir.File("hand.safetensors");
        File.WriteAllBytes(path, FileBytes(header, data));

        var loaded = SafeTensorsReader.Load(path);

        Assert.Equal([1f, -2f], loaded["a"].data<float>().ToArray());
        Assert.Equal(ScalarType.BFloat16, loaded["b"].dtype);
        Assert.Equal([1L, 2L], loaded["b"].shape);
        Assert.Equal([3f, -1f], loaded["b"].to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal("pt", SafeTensorsReader.ReadMetadata(path)["format"]);
        var infos = SafeTensorsReader.ReadHeader(path);
        Assert.Equal((8L, 12L), (infos["b"].DataBegin, infos["b"].DataEnd));
    }

    [Fact]
    public void WritesExactlyWhatThePythonLibraryWrites()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");

        // safetensors.torch.save_file({"a": torch.tensor([1.0, 2.0])}, path, {"format": "pt"})
        SafeTensorsWriter.Save(
            new Dictionary<string, Tensor> { ["a"] = tensor(OneTwo) },
            path,
            new Dictionary<string, string> { ["format"] = "pt" });

        const string header = """{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";
        var padded = header + new string(' ', (8 - header.Length % 8) % 8);
        Assert.Equal(
            FileBytes(padded, [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40]),
            File.ReadAllBytes(path));
    }

    [Fact]
    public void WrittenHeaderIsAlignedSortedJsonWithContiguousAlignedData()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["z.bias"] = ones(3, dtype: ScalarType.BFloat16),
            ["a.weight"] = ones(2, 3),
            ["m.mask"] = ones(5, dtype: ScalarType.Bool),
            ["b.ids"] = ones(2, dtype: ScalarType.Int64),
        };
        SafeTensorsWriter.Save(tensors, path, new Dictionary<string, string> { ["format"] = "pt" });

        var file = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, headerLength % 8);
        var headerText = Encoding.UTF8.GetString(file, 8, headerLength);
        var unpadded = headerText.TrimEnd(' ');
        Assert.EndsWith("}", unpadded, StringComparison.Ordinal);
        Assert.InRange(headerText.Length - unpadded.Length, 0, 7);

        using var json = JsonDocument.Parse(headerText);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("__metadata__", keys[0]);
        Assert.Equal(keys.Skip(1).Order(StringComparer.Ordinal), keys.Skip(1));

        var ranges = keys.Skip(1)
            .Select(k => json.RootElement.GetProperty(k))
            .Select(e => (
                Begin: e.GetProperty("data_offsets")[0].GetInt64(),
                End: e.GetProperty("data_offsets")[1].GetInt64(),
                Size: e.GetProperty("dtype").GetString() switch { "I64" => 8, "F32" => 4, "BF16" => 2, _ => 1 }))
            .OrderBy(r => r.Begin)
            .ToList();
        long cursor = 0;
        foreach (var (begin, end, size) in ranges)
        {
            Assert.Equal(cursor, begin);
            Assert.Equal(0, (8 + headerLength + begin) % size);
            cursor = end;
        }
        Assert.Equal(file.Length - 8 - headerLength, cursor);
    }
}
