using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// Writes safetensors files that the Python library and transformers read: compact JSON header with keys in
/// sorted order (<c>__metadata__</c> first), padded with spaces so the data starts 8-byte aligned, then each
/// tensor's contiguous little-endian bytes in its own dtype. Each file is written atomically.
/// </summary>
public static partial class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (on any device, contiguous or not) to one file.</summary>
    public static void Save(
        IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(path);
        Validate(tensors);
        var layout = Layout(tensors);
        var header = Header(layout, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var info in layout)
            {
                WriteData(stream, tensors[info.Name]);
            }
        });
    }

    /// <summary>
    /// Writes a checkpoint directory in the Hugging Face layout: a single <c>model.safetensors</c> when the tensors'
    /// data fits in <paramref name="maxShardBytes"/>, otherwise <c>model-00001-of-0000n.safetensors</c> shards plus
    /// <c>model.safetensors.index.json</c>. Tensors go to shards in name order, a new shard starting when the next
    /// tensor would overflow the current one (a tensor larger than the limit gets a shard of its own).
    /// Files of an earlier checkpoint in another layout are removed, so <see cref="SafeTensorsReader.LoadDirectory"/>
    /// cannot pick up a stale one. Each file is atomic; the directory as a whole is not.
    /// </summary>
    /// <returns>The paths of the files written.</returns>
    public static IReadOnlyList<string> SaveSharded(
        IReadOnlyDictionary<string, Tensor> tensors, string dir, long maxShardBytes,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxShardBytes);
        Validate(tensors);
        Directory.CreateDirectory(dir);

        var shards = new List<List<string>>();
        long current = 0;
        foreach (var name in tensors.Keys.Order(StringComparer.Ordinal))
        {
            var bytes = ByteLength(tensors[name]);
            if (shards.Count == 0 || (current > 0 && current + bytes > maxShardBytes))
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(name);
            current += bytes;
        }

        if (shards.Count <= 1)
        {
            var single = Path.Combine(dir, SafeTensorsReader.SingleFileName);
            Save(tensors, single, metadata);
            RemoveStaleShards(dir, keep: []);
            File.Delete(Path.Combine(dir, ShardIndex.FileName));
            return [single];
        }

        var written = new List<string>();
        var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < shards.Count; i++)
        {
            var fileName = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            var path = Path.Combine(dir, fileName);
            Save(shards[i].ToDictionary(n => n, n => tensors[n], StringComparer.Ordinal), path, metadata);
            written.Add(path);
            foreach (var name in shards[i])
            {
                weightMap.Add(name, fileName);
            }
        }
        // The index goes last: until it is in place, no reader is directed to the new shards.
        var indexPath = Path.Combine(dir, ShardIndex.FileName);
        new ShardIndex(tensors.Values.Sum(ByteLength), weightMap).Write(indexPath);
        written.Add(indexPath);
        File.Delete(Path.Combine(dir, SafeTensorsReader.SingleFileName));
        RemoveStaleShards(dir, keep: weightMap.Values.ToHashSet(StringComparer.Ordinal));
        return written;
    }

    /// <summary>Rejects what no file can hold before any file is written.</summary>
    private static void Validate(IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var (name, tensor) in tensors)
        {
            if (name == SafeTensorsHeader.MetadataKey)
            {
                throw new ArgumentException($"'{name}' is reserved by the safetensors format and cannot name a tensor", nameof(tensors));
            }
            if (!SafeTensorsDType.IsSupported(tensor.dtype))
            {
                throw new ArgumentException(
                    $"tensor '{name}' has dtype {tensor.dtype}, which safetensors cannot store here (supported: {SafeTensorsDType.SupportedNames})",
                    nameof(tensors));
            }
        }
    }

    /// <summary>
    /// Places the tensors in the data buffer: by descending element size, then by name, as the reference writer does.
    /// Since the buffer starts 8-byte aligned, every tensor then starts aligned to its own element size,
    /// which readers that map the file and view the bytes in place rely on.
    /// </summary>
    private static List<TensorInfo> Layout(IReadOnlyDictionary<string, Tensor> tensors)
    {
        var layout = new List<TensorInfo>(tensors.Count);
        long offset = 0;
        foreach (var (name, tensor) in tensors
            .OrderByDescending(e => SafeTensorsDType.Size(e.Value.dtype))
            .ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var length = ByteLength(tensor);
            layout.Add(new TensorInfo(name, tensor.dtype, tensor.shape, offset, offset + length));
            offset += length;
        }
        return layout;
    }

    /// <summary>The JSON header, keys sorted, padded with spaces to a multiple of 8 bytes as the Python library pads it.</summary>
    private static byte[] Header(IEnumerable<TensorInfo> layout, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps names like "a+b" or non-ASCII readable; a header is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            foreach (var info in layout.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject(info.Name);
                json.WriteString("dtype", info.DTypeName);
                json.WriteStartArray("shape");
                foreach (var dim in info.Shape)
                {
                    json.WriteNumberValue(dim);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(info.DataBegin);
                json.WriteNumberValue(info.DataEnd);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var padded = new byte[(buffer.WrittenCount + 7) / 8 * 8];
        buffer.WrittenSpan.CopyTo(padded);
        padded.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return padded;
    }

    /// <summary>
    /// Streams one tensor's bytes from its storage to the file. Only this tensor is ever copied (when it is not
    /// already a contiguous CPU tensor), and the copy is freed before the next, so saving needs no buffer of the whole file.
    /// </summary>
    private static void WriteData(FileStream stream, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var data = tensor.detach().cpu().contiguous();
        TensorBytes.ForEachChunk(data, chunk => stream.Write(chunk));
    }

    private static long ByteLength(Tensor tensor) => tensor.numel() * SafeTensorsDType.Size(tensor.dtype);

    private static void RemoveStaleShards(string dir, HashSet<string> keep)
    {
        foreach (var path in Directory.EnumerateFiles(dir, "model-*-of-*.safetensors"))
        {
            var name = Path.GetFileName(path);
            if (ShardName().IsMatch(name) && !keep.Contains(name))
            {
                File.Delete(path);
            }
        }
    }

    [GeneratedRegex(@"^model-\d{5}-of-\d{5}\.safetensors$")]
    private static partial Regex ShardName();
}
