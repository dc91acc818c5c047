using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// The Hugging Face index of a sharded checkpoint, <c>model.safetensors.index.json</c>:
/// <c>{"metadata":{"total_size":N},"weight_map":{"tensor name":"model-00001-of-00002.safetensors",...}}</c>.
/// <see cref="TotalSize"/> is the sum of the tensors' data bytes (headers excluded), as transformers writes it.
/// </summary>
internal sealed record ShardIndex(long TotalSize, IReadOnlyDictionary<string, string> WeightMap)
{
    public const string FileName = "model.safetensors.index.json";

    public static ShardIndex Read(string path)
    {
        using (var document = HfJson.Read(path))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("weight_map", out var map)
                || map.ValueKind != JsonValueKind.Object)
            {
                throw new EngineException($"{path}: expected an object with a 'weight_map' object");
            }
            var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String)
                {
                    throw new EngineException($"{path}: weight_map entry '{entry.Name}' must be a file name string");
                }
                var shard = entry.Value.GetString()!;
                // The index is input: a name like "../x" must not make us read outside the checkpoint directory.
                if (shard.Length == 0 || Path.GetFileName(shard) != shard || shard is "." or "..")
                {
                    throw new EngineException(
                        $"{path}: weight_map maps '{entry.Name}' to '{shard}', which is not a file name in the checkpoint directory");
                }
                if (!weightMap.TryAdd(entry.Name, shard))
                {
                    throw new EngineException($"{path}: weight_map names '{entry.Name}' twice");
                }
            }
            // total_size is informational (tools disagree on what it counts), so it is read but not enforced.
            long totalSize = 0;
            if (root.TryGetProperty("metadata", out var metadata)
                && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("total_size", out var total)
                && total.ValueKind == JsonValueKind.Number)
            {
                total.TryGetInt64(out totalSize);
            }
            return new ShardIndex(totalSize, weightMap);
        }
    }

    public void Write(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
            {
                Indented = true,
                // Tensor names stay readable (no \u escapes for '+' or non-ASCII); the file is never embedded in HTML.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            json.WriteNumber("total_size", TotalSize);
            json.WriteEndObject();
            json.WriteStartObject("weight_map");
            foreach (var (name, shard) in WeightMap.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, shard);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
