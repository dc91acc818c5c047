using static TorchSharp.torch;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// One tensor's entry in a safetensors header: its dtype, shape, and where its bytes lie.
/// <see cref="DataBegin"/> and <see cref="DataEnd"/> are offsets into the data buffer that follows the header,
/// not into the file, exactly as the format's <c>data_offsets</c> field gives them.
/// </summary>
public sealed record TensorInfo(string Name, ScalarType DType, IReadOnlyList<long> Shape, long DataBegin, long DataEnd)
{
    /// <summary>The dtype as the file spells it (<c>"F32"</c>, <c>"BF16"</c>, ...).</summary>
    public string DTypeName => SafeTensorsDType.Name(DType);

    public long ByteLength => DataEnd - DataBegin;

    public long ElementCount => Shape.Aggregate(1L, (product, dim) => product * dim);

    /// <summary>The shape as the error messages and tests print it, e.g. <c>[2, 3]</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    internal static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
