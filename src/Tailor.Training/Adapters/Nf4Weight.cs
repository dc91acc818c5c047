using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>
/// A weight quantized to NF4, as bitsandbytes stores it: packed 4-bit codes plus one scale (absmax) per block of
/// <see cref="Nf4.BlockSize"/> elements. With double quantization the scales themselves are 8-bit codes into the
/// dynamic map (<see cref="DoubleQuantization"/>), with an fp32 absmax per 256 scales and one fp32 offset.
/// </summary>
/// <param name="Shape">The original tensor's shape.</param>
/// <param name="Packed">uint8 [blocks · 32]: two codes per byte, the earlier element in the high nibble. The
/// elements padding the last block are zeros.</param>
/// <param name="Absmax">float32 [blocks]; or, when <paramref name="NestedAbsmax"/> is set, uint8 [blocks] codes of
/// absmax − <paramref name="NestedOffset"/>.</param>
/// <param name="NestedAbsmax">float32 [ceil(blocks / 256)] when double-quantized, else null.</param>
/// <param name="NestedOffset">The mean of the absmax values, subtracted before their quantization (0 without).</param>
public sealed record Nf4Weight(IReadOnlyList<long> Shape, Tensor Packed, Tensor Absmax, Tensor? NestedAbsmax, float NestedOffset)
{
    public bool IsDoubleQuantized => NestedAbsmax is not null;

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public long BlockCount => Absmax.numel();

    /// <summary>Memory the quantized weight takes: codes, scales and (when double-quantized) their scales and offset.</summary>
    public long ByteCount =>
        Bytes(Packed) + Bytes(Absmax) + (NestedAbsmax is null ? 0 : Bytes(NestedAbsmax) + sizeof(float));

    static long Bytes(Tensor t) => t.numel() * t.ElementSize;
}
