using static TorchSharp.torch;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// The safetensors dtype names (<c>"F32"</c>, <c>"BF16"</c>, ...) and the TorchSharp scalar types they stand for.
/// Only types whose in-memory layout in libtorch is exactly the file's little-endian layout are listed,
/// so a tensor's bytes can be copied between file and tensor storage without conversion.
/// </summary>
internal static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type, int Size)[] Known =
    [
        ("F64", ScalarType.Float64, 8),
        ("F32", ScalarType.Float32, 4),
        ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2),
        ("I64", ScalarType.Int64, 8),
        ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2),
        ("I8", ScalarType.Int8, 1),
        ("U8", ScalarType.Byte, 1),
        ("BOOL", ScalarType.Bool, 1),
    ];

    /// <summary>The names this implementation reads and writes, for error messages.</summary>
    public static string SupportedNames => string.Join(", ", Known.Select(k => k.Name));

    public static bool TryParse(string name, out ScalarType type)
    {
        foreach (var known in Known)
        {
            if (known.Name == name)
            {
                type = known.Type;
                return true;
            }
        }
        type = default;
        return false;
    }

    public static bool IsSupported(ScalarType type) => Known.Any(k => k.Type == type);

    public static string Name(ScalarType type) => Lookup(type).Name;

    public static int Size(ScalarType type) => Lookup(type).Size;

    private static (string Name, ScalarType Type, int Size) Lookup(ScalarType type)
    {
        foreach (var known in Known)
        {
            if (known.Type == type)
            {
                return known;
            }
        }
        throw new ArgumentException(
            $"safetensors cannot store dtype {type}; supported: {SupportedNames}", nameof(type));
    }
}
