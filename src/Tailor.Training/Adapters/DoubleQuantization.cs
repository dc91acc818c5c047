using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>NF4 block scales after double quantization: 8-bit codes, their own per-256 absmax, and the removed mean.</summary>
public sealed record QuantizedScales(Tensor Codes, Tensor Absmax, float Offset);

/// <summary>
/// QLoRA's double quantization of the NF4 scales, as bitsandbytes' <c>quantize_4bit(compress_statistics=True)</c>
/// does it: subtract the mean of the fp32 absmax values (they are all positive, so centring them doubles the
/// resolution), then quantize them blockwise (blocks of 256) to 8-bit indices into the signed dynamic map of
/// <c>create_dynamic_map()</c>. That costs 8 bits + 32/256 bits per 64 weights instead of 32 bits.
/// </summary>
public static class DoubleQuantization
{
    public const int BlockSize = 256;

    // Declared before DynamicMap: static initializers run in textual order.
    static readonly double[] Decades = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0];

    /// <summary>
    /// bitsandbytes' <c>create_dynamic_map(signed=True, max_exponent_bits=7, total_bits=8)</c>: for each decade
    /// 10^-6 .. 10^0, 2^i means of a float32 <c>linspace(0.1, 1)</c>, positive and negative, plus 0 and 1; sorted.
    /// Built with the same float32 tensor operations so that the values are bit for bit the same.
    /// </summary>
    public static IReadOnlyList<float> DynamicMap { get; } = BuildDynamicMap();

    public static QuantizedScales Quantize(Tensor absmax)
    {
        ArgumentNullException.ThrowIfNull(absmax);
        using var scope = NewDisposeScope();
        var values = absmax.to(ScalarType.Float32);
        var offset = values.mean().item<float>();
        var (codes, nested) = BlockwiseQuantizer.Quantize(values - offset, DynamicMap, BlockSize);
        // Codes beyond the last real scale are padding: keep exactly one per scale.
        var kept = codes.narrow(0, 0, values.numel()).clone();
        return new QuantizedScales(kept.MoveToOuterDisposeScope(), nested.MoveToOuterDisposeScope(), offset);
    }

    /// <summary>The fp32 scales back: map[code] · nested absmax + offset.</summary>
    public static Tensor Dequantize(QuantizedScales scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        using var scope = NewDisposeScope();
        long count = scales.Codes.numel();
        long padded = scales.Absmax.numel() * BlockSize;
        var codes = count == padded ? scales.Codes : cat([scales.Codes, zeros(padded - count, ScalarType.Byte, scales.Codes.device)]);
        var map = tensor(DynamicMap.ToArray(), device: scales.Codes.device);
        var values = BlockwiseQuantizer.Dequantize(codes, scales.Absmax, map, BlockSize, count);
        return (values + scales.Offset).MoveToOuterDisposeScope();
    }

    static float[] BuildDynamicMap()
    {
        const int maxExponentBits = 7, nonSignBits = 7;
        using var scope = NewDisposeScope();
        var data = new List<float>();
        for (var i = 0; i < maxExponentBits; i++)
        {
            var fractionItems = (1 << (i + nonSignBits - maxExponentBits)) + 1;
            var boundaries = linspace(0.1, 1, fractionItems, ScalarType.Float32);
            var means = (boundaries.narrow(0, 0, fractionItems - 1) + boundaries.narrow(0, 1, fractionItems - 1)) / 2.0;
            // Python's 10 ** (-(max_exponent_bits - 1) + i): 1e-6 .. 1, applied to the float32 tensor as a scalar.
            var decade = Decades[i];
            data.AddRange((means * decade).data<float>().ToArray());
            data.AddRange((means * -decade).data<float>().ToArray());
        }
        data.Add(0f);
        data.Add(1f);
        data.Sort();
        return [.. data];
    }
}
