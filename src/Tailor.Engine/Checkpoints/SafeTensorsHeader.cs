using System.Buffers.Binary;
using System.Text.Json;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// The parsed and validated front of a safetensors file: an 8-byte little-endian header length N,
/// N bytes of JSON describing every tensor (and an optional <c>__metadata__</c> map of strings), then the data buffer.
/// Validation is as strict as the reference implementation's: once <see cref="Read"/> returns, every tensor's
/// byte range is consistent with its dtype and shape, lies inside the file, and the ranges tile the data buffer
/// exactly (no overlaps, no holes, nothing after the last tensor). Loading can then trust the offsets.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The reference implementation refuses larger headers; so do we, rather than allocate for a corrupt length.</summary>
    internal const long MaxHeaderBytes = 100_000_000;

    internal const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(
        long fileLength, long dataStart,
        IReadOnlyDictionary<string, TensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        FileLength = fileLength;
        DataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
    }

    public long FileLength { get; }

    /// <summary>File offset of the data buffer: 8 + N.</summary>
    public long DataStart { get; }

    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafeTensorsHeader Read(string path)
    {
        using var stream = SafeTensorsReader.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads the header from the start of <paramref name="stream"/>; <paramref name="path"/> names the file in errors.</summary>
    public static SafeTensorsHeader Read(Stream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new EngineException(
                $"{path}: not a safetensors file: it has {fileLength} bytes, fewer than the 8-byte header length");
        }
        stream.Position = 0;
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8))
        {
            throw new EngineException(
                $"{path}: header length {headerLength} exceeds the file size ({fileLength} bytes); the file is truncated or not safetensors");
        }
        if (headerLength > MaxHeaderBytes)
        {
            throw new EngineException(
                $"{path}: header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit of the safetensors format");
        }
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        var dataStart = 8 + (long)headerLength;

        var (tensors, metadata) = ParseJson(json, path);
        CheckLayout(tensors.Values, fileLength - dataStart, path);
        return new SafeTensorsHeader(fileLength, dataStart, tensors, metadata);
    }

    private static (Dictionary<string, TensorInfo> Tensors, Dictionary<string, string> Metadata) ParseJson(
        byte[] json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new EngineException($"{path}: header is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EngineException(
                    $"{path}: header must be a JSON object, found {document.RootElement.ValueKind}");
            }
            var tensors = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // JsonDocument keeps duplicate keys; two entries for one tensor would make the file ambiguous.
                if (!seen.Add(property.Name))
                {
                    throw new EngineException($"{path}: header names '{property.Name}' twice");
                }
                if (property.Name == MetadataKey)
                {
                    ParseMetadata(property.Value, metadata, path);
                }
                else
                {
                    tensors.Add(property.Name, ParseTensor(property.Name, property.Value, path));
                }
            }
            return (tensors, metadata);
        }
    }

    private static void ParseMetadata(JsonElement element, Dictionary<string, string> metadata, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new EngineException($"{path}: {MetadataKey} must be an object of strings, found {element.ValueKind}");
        }
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new EngineException(
                    $"{path}: {MetadataKey} entry '{entry.Name}' must be a string, found {entry.Value.ValueKind}");
            }
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw new EngineException($"{path}: {MetadataKey} names '{entry.Name}' twice");
            }
        }
    }

    private static TensorInfo ParseTensor(string name, JsonElement element, string path)
    {
        var where = $"{path}: tensor '{name}'";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new EngineException($"{where}: entry must be an object, found {element.ValueKind}");
        }
        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new EngineException($"{where}: missing string field 'dtype'");
        }
        var dtypeName = dtypeElement.GetString()!;
        if (!SafeTensorsDType.TryParse(dtypeName, out var dtype))
        {
            throw new EngineException(
                $"{where}: unsupported dtype '{dtypeName}' (supported: {SafeTensorsDType.SupportedNames})");
        }
        var shape = ReadIntegers(element, "shape", where);
        var offsets = ReadIntegers(element, "data_offsets", where);
        if (offsets.Length != 2)
        {
            throw new EngineException($"{where}: data_offsets must be [begin, end], found {offsets.Length} numbers");
        }
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
        {
            throw new EngineException($"{where}: data_offsets [{begin}, {end}] end before they begin");
        }
        long needed;
        try
        {
            needed = checked(shape.Aggregate(1L, (product, dim) => product * dim) * SafeTensorsDType.Size(dtype));
        }
        catch (OverflowException e)
        {
            throw new EngineException($"{where}: shape {TensorInfo.FormatShape(shape)} is too large", e);
        }
        if (end - begin != needed)
        {
            throw new EngineException(
                $"{where}: data_offsets [{begin}, {end}] hold {end - begin} bytes, but dtype {dtypeName} " +
                $"and shape {TensorInfo.FormatShape(shape)} need {needed}");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /// <summary>An array of non-negative integers (shape dimensions or byte offsets).</summary>
    private static long[] ReadIntegers(JsonElement element, string field, string where)
    {
        if (!element.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new EngineException($"{where}: missing array field '{field}'");
        }
        var values = new long[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
            {
                throw new EngineException($"{where}: '{field}' must hold non-negative integers, found {item.GetRawText()}");
            }
            values[i++] = value;
        }
        return values;
    }

    /// <summary>
    /// Walks the tensors in offset order: each must start where the previous one ended, and the data they
    /// need must be in the file. Checking the tiling here is what lets a corrupt header fail with a message
    /// that names the tensor, instead of loading garbage or overrunning the file.
    /// </summary>
    private static void CheckLayout(IEnumerable<TensorInfo> tensors, long dataLength, string path)
    {
        long cursor = 0;
        TensorInfo? previous = null;
        foreach (var tensor in tensors.OrderBy(t => t.DataBegin).ThenBy(t => t.DataEnd))
        {
            if (tensor.DataBegin < cursor)
            {
                throw new EngineException(
                    $"{path}: tensor '{tensor.Name}' (bytes {tensor.DataBegin}..{tensor.DataEnd}) overlaps " +
                    $"tensor '{previous!.Name}' (bytes {previous.DataBegin}..{previous.DataEnd})");
            }
            if (tensor.DataBegin > cursor)
            {
                throw new EngineException(
                    $"{path}: data bytes {cursor}..{tensor.DataBegin} before tensor '{tensor.Name}' belong to no tensor");
            }
            if (tensor.DataEnd > dataLength)
            {
                throw new EngineException(
                    $"{path}: truncated: tensor '{tensor.Name}' needs bytes {tensor.DataBegin}..{tensor.DataEnd} " +
                    $"but the file data has {dataLength}");
            }
            cursor = tensor.DataEnd;
            previous = tensor;
        }
        if (cursor != dataLength)
        {
            throw new EngineException(
                $"{path}: data bytes {cursor}..{dataLength} after the last tensor belong to no tensor");
        }
    }
}
