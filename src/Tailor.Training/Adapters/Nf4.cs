using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>
/// 4-bit NormalFloat (NF4) quantization as bitsandbytes implements it for QLoRA (Dettmers et al. 2023): each block
/// of 64 weights is divided by its absolute maximum and every value replaced by the index of the nearest of 16
/// codes, which are quantiles of a standard normal so that normally distributed weights use them evenly.
/// </summary>
public static class Nf4
{
    public const int BlockSize = 64;

    /// <summary>
    /// bitsandbytes' <c>get_4bit_type("nf4")</c>, value for value (float32). Asymmetric on purpose: 8 positive codes,
    /// 7 negative ones, and an exact 0.
    /// </summary>
    public static IReadOnlyList<float> Codes { get; } =
    [
        -1.0f,
        -0.6961928009986877f,
        -0.5250730514526367f,
        -0.39491748809814453f,
        -0.28444138169288635f,
        -0.18477343022823334f,
        -0.09105003625154495f,
        0.0f,
        0.07958029955625534f,
        0.16093020141124725f,
        0.24611230194568634f,
        0.33791524171829224f,
        0.44070982933044434f,
        0.5626170039176941f,
        0.7229568362236023f,
        1.0f,
    ];

    /// <summary>The code table as a 16-element float32 tensor, for dequantizing by indexing.</summary>
    public static Tensor CodeTable(Device? device = null) => tensor(Codes.ToArray(), device: device);

    /// <summary>
    /// Quantizes <paramref name="weight"/> (any float dtype, any shape) blockwise over its row-major elements.
    /// With <paramref name="doubleQuantize"/> the per-block scales are quantized again to 8 bits, as
    /// bitsandbytes' <c>compress_statistics=True</c> (QLoRA's default) does: 4.127 instead of 4.5 bits per weight.
    /// </summary>
    public static Nf4Weight Quantize(Tensor weight, bool doubleQuantize = true)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var (codes, absmax) = BlockwiseQuantizer.Quantize(weight, Codes, BlockSize);
        var packed = Pack(codes).MoveToOuterDisposeScope();
        if (!doubleQuantize) return new Nf4Weight(weight.shape, packed, absmax.MoveToOuterDisposeScope(), null, 0f);

        var scales = DoubleQuantization.Quantize(absmax);
        return new Nf4Weight(weight.shape, packed, scales.Codes.MoveToOuterDisposeScope(), scales.Absmax.MoveToOuterDisposeScope(), scales.Offset);
    }

    /// <summary>The weight back in its shape, as codebook[code] · absmax computed in float32, then cast to <paramref name="dtype"/>.</summary>
    public static Tensor Dequantize(Nf4Weight weight, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var codes = Unpack(weight.Packed);
        var values = BlockwiseQuantizer.Dequantize(codes, Scales(weight), CodeTable(weight.Packed.device), BlockSize, weight.ElementCount);
        return values.view([.. weight.Shape]).to(dtype).MoveToOuterDisposeScope();
    }

    /// <summary>The per-block absmax in float32, undoing double quantization when it was applied.</summary>
    public static Tensor Scales(Nf4Weight weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return weight.NestedAbsmax is null
            ? weight.Absmax.alias()
            : DoubleQuantization.Dequantize(new QuantizedScales(weight.Absmax, weight.NestedAbsmax, weight.NestedOffset));
    }

    /// <summary>
    /// Packs 4-bit codes (uint8 values 0..15, even count) two per byte: element 2i in the high nibble, 2i+1 in the low
    /// one, the order bitsandbytes uses (<c>qvals[0] &lt;&lt; 4 | qvals[1]</c>).
    /// </summary>
    public static Tensor Pack(Tensor codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.numel() % 2 != 0) throw new ArgumentException("packing needs an even number of codes", nameof(codes));
        using var scope = NewDisposeScope();
        var pairs = codes.reshape(-1, 2).to(ScalarType.Byte);
        return (pairs.select(1, 0) * 16 + pairs.select(1, 1)).MoveToOuterDisposeScope();
    }

    /// <summary>The inverse of <see cref="Pack"/>: uint8 codes, two per input byte.</summary>
    public static Tensor Unpack(Tensor packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        using var scope = NewDisposeScope();
        var high = packed.div(16, rounding_mode: RoundingMode.floor);
        var low = packed.remainder(16);
        return stack([high, low], 1).view(-1).MoveToOuterDisposeScope();
    }
}
