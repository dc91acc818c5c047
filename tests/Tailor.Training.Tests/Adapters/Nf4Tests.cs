using Tailor.Training.Adapters;
using TorchSharp;
using static TorchSharp.torch;
using static Tailor.Training.Tests.TinyModels;

namespace Tailor.Training.Tests.Adapters;

public class Nf4Tests
{
    /// <summary>The largest distance from a value in [-1, 1] to its nearest code: half the widest gap, or an end.</summary>
    static double MaxRoundingError(IReadOnlyList<float> codes)
    {
        var gaps = codes.Zip(codes.Skip(1), (a, b) => ((double)b - a) / 2);
        return Math.Max(gaps.Max(), Math.Max(1 + codes[0], 1 - (double)codes[^1]));
    }

    [Fact]
    public void CodeTableIsBitsandbytesNf4()
    {
        double[] bitsandbytes =
        [
            -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
            -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
            0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
            0.7229568362236023, 1.0,
        ];
        Assert.Equal(bitsandbytes.Select(v => (float)v), Nf4.Codes);
        // The doubles are float32 values printed in full, so the float32 table holds them exactly.
        Assert.All(bitsandbytes.Zip(Nf4.Codes), p => Assert.Equal(p.First, (double)p.Second));
        Assert.Equal(Nf4.Codes, Nf4.CodeTable().data<float>().ToArray());
    }

    [Fact]
    public void PacksTheEarlierElementInTheHighNibble()
    {
        var packed = Nf4.Pack(tensor(new byte[] { 1, 2, 15, 0, 7, 9 }));
        Assert.Equal(new byte[] { 0x12, 0xF0, 0x79 }, packed.data<byte>().ToArray());
        var all = arange(16, dtype: ScalarType.Byte).repeat(3);
        Assert.True(BitIdentical(Nf4.Unpack(Nf4.Pack(all)), all));
    }

    [Fact]
    public void CodeValuesRoundTripExactly()
    {
        // Each block holds every code, scaled so that its absmax is the block's scale.
        var codes = Nf4.CodeTable();
        var scales = tensor(new[] { 0.5f, 3f, 0.01f, 1f });
        var weight = (codes.repeat(16).view(4, 1, 64) * scales.view(4, 1, 1)).view(16, 16);
        var q = Nf4.Quantize(weight, doubleQuantize: false);
        Assert.True(BitIdentical(Nf4.Dequantize(q), weight));
        Assert.Equal(ScalarType.Byte, q.Packed.dtype);
        Assert.Equal(new long[] { 128 }, q.Packed.shape);
        Assert.True(BitIdentical(q.Absmax, scales));
    }

    [Theory]
    [InlineData(64, 128)]
    [InlineData(33, 7)] // 231 elements: the last block is partial
    public void RoundingErrorIsBoundedPerBlock(long rows, long columns)
    {
        var weight = randn([rows, columns], generator: Seeded(1)) * 0.02;
        var q = Nf4.Quantize(weight, doubleQuantize: false);
        var restored = Nf4.Dequantize(q);
        Assert.Equal(weight.shape, restored.shape);

        long n = weight.numel(), blocks = (n + 63) / 64;
        var padded = cat([weight.reshape(-1), zeros(blocks * 64 - n)]).view(blocks, 64);
        var error = cat([(restored.reshape(-1) - weight.reshape(-1)), zeros(blocks * 64 - n)]).view(blocks, 64).abs().amax([1]);
        var absmax = padded.abs().amax([1]);
        var bound = absmax * MaxRoundingError(Nf4.Codes) * (1 + 1e-5);
        Assert.True((error <= bound).all().item<bool>());
        Assert.True(BitIdentical(q.Absmax, absmax));
    }

    [Fact]
    public void GaussianWeightsQuantizeWithSmallMeanError()
    {
        var weight = randn([256, 256], generator: Seeded(2));
        var error = (Nf4.Dequantize(Nf4.Quantize(weight)) - weight).abs();
        // NF4's codes are normal quantiles: the mean error is about 7% of the standard deviation.
        Assert.InRange(error.mean().item<float>(), 0f, 0.1f);
        Assert.InRange(error.mean().item<float>() / weight.abs().mean().item<float>(), 0f, 0.12f);
    }

    [Fact]
    public void DynamicMapIsBitsandbytesSignedEightBitMap()
    {
        var map = DoubleQuantization.DynamicMap;
        Assert.Equal(256, map.Count);
        Assert.Equal(map.Order(), map);
        Assert.Equal(256, map.Distinct().Count());
        Assert.Equal(1f, map[^1]);
        Assert.Contains(0f, map);
        // The smallest magnitude is the 1e-6 decade's single mean, (0.1 + 1) / 2 · 1e-6.
        Assert.Equal(0.55e-6, map.Where(v => v > 0).Min(), 1e-12);
        Assert.Equal(-map[0], map[^2]);
        Assert.InRange(map[0], -0.9931, -0.9929);
    }

    [Fact]
    public void DoubleQuantizedScalesHaveBoundedError()
    {
        var absmax = (rand([1000], generator: Seeded(3)) * 0.1 + 0.01).to(ScalarType.Float32);
        var q = DoubleQuantization.Quantize(absmax);
        Assert.Equal(ScalarType.Byte, q.Codes.dtype);
        Assert.Equal(new long[] { 1000 }, q.Codes.shape);
        Assert.Equal(new long[] { 4 }, q.Absmax.shape);
        Assert.Equal(absmax.mean().item<float>(), q.Offset);

        var restored = DoubleQuantization.Dequantize(q);
        var centred = cat([absmax - q.Offset, zeros(24)]).view(4, 256);
        var nestedAbsmax = centred.abs().amax([1]);
        var bound = nestedAbsmax.repeat_interleave(256).narrow(0, 0, 1000) * MaxRoundingError(DoubleQuantization.DynamicMap) + 1e-7;
        Assert.True(((restored - absmax).abs() <= bound).all().item<bool>());
        // 8 bits for a scale in [0.01, 0.11]: errors of a few 1e-4 at most.
        Assert.InRange((restored - absmax).abs().max().item<float>(), 0f, 5e-4f);
    }

    [Fact]
    public void DoubleQuantizationCostsLittleAccuracy()
    {
        var weight = randn([128, 128], generator: Seeded(4));
        var single = Nf4.Quantize(weight, doubleQuantize: false);
        var dbl = Nf4.Quantize(weight, doubleQuantize: true);
        Assert.True(dbl.IsDoubleQuantized);
        Assert.Equal(ScalarType.Byte, dbl.Absmax.dtype);
        Assert.True(dbl.ByteCount < single.ByteCount);
        var e1 = (Nf4.Dequantize(single) - weight).abs().mean().item<float>();
        var e2 = (Nf4.Dequantize(dbl) - weight).abs().mean().item<float>();
        Assert.InRange(e2, e1 * 0.99, e1 * 1.02);
    }
}
