namespace Tailor.Training.Adapters;

/// <summary>Memory of a model's NF4 linear weights against the same weights unquantized.</summary>
/// <param name="Layers">Quantized linear layers.</param>
/// <param name="Weights">Weight elements they hold (biases excluded: they are not quantized).</param>
/// <param name="QuantizedBytes">Bytes of packed codes and scales (double-quantized scales included).</param>
public sealed record QuantizationReport(int Layers, long Weights, long QuantizedBytes)
{
    public long Bf16Bytes => Weights * 2;
    public long Fp32Bytes => Weights * 4;

    /// <summary>Quantized bytes over bf16 bytes: about 0.26 with double quantization (4.127 / 16), 0.28 without (4.5 / 16).</summary>
    public double RatioToBf16 => Weights == 0 ? 0 : (double)QuantizedBytes / Bf16Bytes;

    public double RatioToFp32 => Weights == 0 ? 0 : (double)QuantizedBytes / Fp32Bytes;

    public double BitsPerWeight => Weights == 0 ? 0 : QuantizedBytes * 8.0 / Weights;

    public override string ToString() =>
        $"{Layers} NF4 linear layers, {Weights:N0} weights: {Mb(QuantizedBytes)} quantized vs {Mb(Bf16Bytes)} in bf16 ({RatioToBf16:P1}) " +
        $"and {Mb(Fp32Bytes)} in fp32 ({RatioToFp32:P1}); {BitsPerWeight:F3} bits per weight";

    static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F2} MiB";
}
