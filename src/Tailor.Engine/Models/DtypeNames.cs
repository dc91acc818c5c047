using static TorchSharp.torch;

namespace Tailor.Engine.Models;

/// <summary>HF dtype names (<c>torch_dtype</c>, <c>--dtype</c>) to and from libtorch scalar types.</summary>
public static class DtypeNames
{
    public static ScalarType Parse(string name, string what = "dtype") => name switch
    {
        "float32" or "fp32" or "float" => ScalarType.Float32,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        "float16" or "fp16" or "half" => ScalarType.Float16,
        _ => throw new EngineException($"{what} '{name}' is not supported (float32, bfloat16, float16)"),
    };

    public static string Name(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => throw new EngineException($"dtype {type} has no HF name here"),
    };
}
