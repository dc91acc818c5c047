using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// Reads safetensors checkpoints (https://github.com/huggingface/safetensors): single files, and
/// Hugging Face sharded directories. Every problem with the file is an <see cref="EngineException"/> naming it.
/// </summary>
public static class SafeTensorsReader
{
    public const string SingleFileName = "model.safetensors";

    /// <summary>The tensors a file holds (name, dtype, shape, byte range), without reading their data.</summary>
    public static IReadOnlyDictionary<string, TensorInfo> ReadHeader(string path) => SafeTensorsHeader.Read(path).Tensors;

    /// <summary>The file's <c>__metadata__</c> strings; empty when it has none.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => SafeTensorsHeader.Read(path).Metadata;

    /// <summary>
    /// Loads every tensor of a file.
    /// </summary>
    /// <param name="castTo">A floating-point dtype for the floating-point tensors (as transformers' <c>torch_dtype</c>);
    /// integer and bool tensors, such as position ids, keep their dtype. Null keeps every tensor's file dtype.</param>
    /// <param name="device">Where the tensors end up; null for the CPU.</param>
    /// <remarks>
    /// Memory stays bounded by the loaded tensors plus one tensor: each tensor is read from the file straight into
    /// its own freshly allocated storage (no managed copy of the file or of the tensor), and when it must be cast or
    /// moved, the file-dtype CPU copy is freed before the next tensor is read. So a 500 MB file costs about 500 MB
    /// (or its cast size), never the file plus all tensors.
    /// </remarks>
    public static Dictionary<string, Tensor> Load(string path, ScalarType? castTo = null, Device? device = null)
    {
        var header = SafeTensorsHeader.Read(path);
        return Load(path, header, names: null, castTo, device);
    }

    /// <summary>
    /// Loads a checkpoint directory: <c>model.safetensors</c> when present, otherwise every shard listed by
    /// <c>model.safetensors.index.json</c>. All shards' headers are checked against the index before any data is read,
    /// so a broken index fails fast instead of after loading gigabytes.
    /// </summary>
    public static Dictionary<string, Tensor> LoadDirectory(string dir, ScalarType? castTo = null, Device? device = null)
    {
        if (!Directory.Exists(dir))
        {
            throw new EngineException($"{dir}: checkpoint directory does not exist");
        }
        var single = Path.Combine(dir, SingleFileName);
        if (File.Exists(single))
        {
            return Load(single, castTo, device);
        }
        var indexPath = Path.Combine(dir, ShardIndex.FileName);
        if (!File.Exists(indexPath))
        {
            throw new EngineException($"{dir}: holds neither {SingleFileName} nor {ShardIndex.FileName}");
        }
        var index = ShardIndex.Read(indexPath);

        var shards = new List<(string Path, SafeTensorsHeader Header, HashSet<string> Names)>();
        foreach (var group in index.WeightMap.GroupBy(e => e.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shardPath = Path.Combine(dir, group.Key);
            if (!File.Exists(shardPath))
            {
                throw new EngineException($"{indexPath}: names shard '{group.Key}', which is missing from {dir}");
            }
            var header = SafeTensorsHeader.Read(shardPath);
            var names = group.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var absent = names.Where(n => !header.Tensors.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
            if (absent.Count > 0)
            {
                throw new EngineException(
                    $"{indexPath}: maps {Quote(absent)} to '{group.Key}', but that shard does not hold {(absent.Count == 1 ? "it" : "them")}");
            }
            shards.Add((shardPath, header, names));
        }

        // Only the tensors the index assigns to a shard are loaded from it: the index is the checkpoint's table of contents.
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (shardPath, header, names) in shards)
            {
                foreach (var (name, tensor) in Load(shardPath, header, names, castTo, device))
                {
                    result.Add(name, tensor);
                }
            }
        }
        catch
        {
            DisposeAll(result.Values);
            throw;
        }
        return result;
    }

    internal static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException e)
        {
            throw new EngineException($"{path}: file not found", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new EngineException($"{path}: file not found", e);
        }
    }

    /// <summary>Loads the tensors of an already validated header, only those in <paramref name="names"/> when given.</summary>
    private static Dictionary<string, Tensor> Load(
        string path, SafeTensorsHeader header, HashSet<string>? names, ScalarType? castTo, Device? device)
    {
        if (castTo is { } cast && !is_floating_point(cast))
        {
            throw new ArgumentException($"castTo must be a floating-point dtype, not {cast}", nameof(castTo));
        }
        using var stream = OpenRead(path);
        if (stream.Length != header.FileLength)
        {
            throw new EngineException($"{path}: the file changed while it was being loaded");
        }
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            // File order, so the reads are sequential.
            foreach (var info in header.Tensors.Values.OrderBy(t => t.DataBegin))
            {
                if (names is null || names.Contains(info.Name))
                {
                    result.Add(info.Name, ReadTensor(stream, path, header.DataStart, info, castTo, device));
                }
            }
        }
        catch
        {
            DisposeAll(result.Values);
            throw;
        }
        return result;
    }

    private static Tensor ReadTensor(
        FileStream stream, string path, long dataStart, TensorInfo info, ScalarType? castTo, Device? device)
    {
        var raw = empty([.. info.Shape], dtype: info.DType);
        try
        {
            stream.Position = dataStart + info.DataBegin;
            TensorBytes.ForEachChunk(raw, chunk =>
            {
                try
                {
                    stream.ReadExactly(chunk);
                }
                catch (EndOfStreamException e)
                {
                    throw new EngineException($"{path}: tensor '{info.Name}': the file ended while reading it", e);
                }
                // libtorch assumes a bool is 0 or 1; any other byte would make comparisons and sums misbehave.
                if (info.DType == ScalarType.Bool && chunk.IndexOfAnyExcept((byte)0, (byte)1) >= 0)
                {
                    throw new EngineException($"{path}: tensor '{info.Name}': BOOL data holds a byte other than 0 or 1");
                }
            });

            var dtype = castTo is { } cast && is_floating_point(info.DType) ? cast : info.DType;
            var onCpu = device is null || device.type == DeviceType.CPU;
            if (dtype == info.DType && onCpu)
            {
                return raw;
            }
            var converted = raw.to(dtype, device ?? CPU);
            raw.Dispose();
            return converted;
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    private static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
