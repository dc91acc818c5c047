using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>
/// bitsandbytes' blockwise quantization, shared by NF4 (4-bit, blocks of 64) and the 8-bit dynamic map that
/// double quantization applies to NF4's scales (blocks of 256): split the flattened tensor into blocks, scale each
/// block by its absolute maximum into [-1, 1], and store the index of the nearest code in a sorted codebook.
/// </summary>
internal static class BlockwiseQuantizer
{
    // Quantizing a 7B model's MLP weight at once would need several GB of temporaries; in chunks it needs ~20 MB.
    const long ChunkElements = 1 << 20;

    /// <summary>
    /// One code index (uint8) per element, padded with zeros to whole blocks, and each block's absmax (float32).
    /// </summary>
    public static (Tensor Codes, Tensor Absmax) Quantize(Tensor values, IReadOnlyList<float> codebook, int blockSize)
    {
        using var scope = NewDisposeScope();
        var flat = values.detach().reshape(-1).to(ScalarType.Float32);
        if (!flat.isfinite().all().item<bool>()) throw new ArgumentException("cannot quantize a tensor holding NaN or infinity", nameof(values));
        long n = flat.numel();
        long blocks = (n + blockSize - 1) / blockSize;
        // Zero padding leaves the last block's absmax unchanged.
        if (blocks * blockSize != n) flat = cat([flat, zeros(blocks * blockSize - n, device: flat.device)]);
        var byBlock = flat.view(blocks, blockSize);
        var absmax = byBlock.abs().amax([1]);

        var midpoints = tensor(Midpoints(codebook), device: flat.device);
        var codes = empty([blocks, blockSize], ScalarType.Byte, flat.device);
        long chunkBlocks = Math.Max(1, ChunkElements / blockSize);
        for (long start = 0; start < blocks; start += chunkBlocks)
        {
            using var chunkScope = NewDisposeScope();
            long count = Math.Min(chunkBlocks, blocks - start);
            var block = byBlock.narrow(0, start, count);
            var max = absmax.narrow(0, start, count).unsqueeze(1);
            // Multiplying by the reciprocal, as bitsandbytes' kernel does; an all-zero block maps to code 0.0.
            var normalized = block * where(max > 0, max.reciprocal(), zeros_like(max));
            // bucketize(right: false) puts a value equal to a midpoint in the lower bucket, like bitsandbytes'
            // "x > pivot ? upper : lower" decision tree; otherwise it is the nearest code.
            codes.narrow(0, start, count).copy_(bucketize(normalized, midpoints, outInt32: true));
        }
        return (codes.view(-1).MoveToOuterDisposeScope(), absmax.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// codebook[code] · absmax of the code's block, for the first <paramref name="length"/> elements, in float32.
    /// A table lookup by indexing: no per-element loop.
    /// </summary>
    public static Tensor Dequantize(Tensor codes, Tensor absmax, Tensor codebook, int blockSize, long length)
    {
        using var scope = NewDisposeScope();
        var values = codebook.index_select(0, codes.reshape(-1).to(ScalarType.Int32)).view(-1, blockSize);
        var scaled = values * absmax.to(ScalarType.Float32).unsqueeze(1);
        return scaled.view(-1).narrow(0, 0, length).MoveToOuterDisposeScope();
    }

    /// <summary>The decision boundaries between neighbouring codes of a sorted codebook.</summary>
    public static float[] Midpoints(IReadOnlyList<float> codebook)
    {
        var midpoints = new float[codebook.Count - 1];
        // In double, then rounded once: bitsandbytes writes its pivots as literals of the exact midpoints.
        for (var i = 0; i < midpoints.Length; i++) midpoints[i] = (float)(((double)codebook[i] + codebook[i + 1]) / 2);
        return midpoints;
    }
}
