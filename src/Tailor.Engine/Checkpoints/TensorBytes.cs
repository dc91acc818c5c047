using static TorchSharp.torch;

namespace Tailor.Engine.Checkpoints;

/// <summary>Receives one piece of a tensor's storage, in order, as a span over the native memory itself.</summary>
internal delegate void TensorChunkAction(Span<byte> chunk);

/// <summary>
/// Access to the raw bytes of a contiguous CPU tensor without copying them into managed memory.
/// <see cref="Tensor.bytes"/> gives a span over the tensor's own storage, but a span is limited to
/// <see cref="int.MaxValue"/> bytes, and an embedding or LM head can be larger; so the tensor is
/// visited through 1-D views of at most <see cref="MaxChunkBytes"/> each.
/// </summary>
internal static class TensorBytes
{
    /// <summary>Small enough for a span, large enough that the per-view cost is negligible.</summary>
    internal const long MaxChunkBytes = 1L << 30;

    /// <summary>Calls <paramref name="action"/> on consecutive chunks covering all of <paramref name="tensor"/>'s bytes.</summary>
    public static void ForEachChunk(Tensor tensor, TensorChunkAction action)
    {
        if (tensor.device_type != TorchSharp.DeviceType.CPU || !tensor.is_contiguous())
        {
            throw new ArgumentException("raw byte access needs a contiguous CPU tensor", nameof(tensor));
        }
        var count = tensor.numel();
        if (count == 0)
        {
            return;
        }
        var elementSize = tensor.element_size();
        var elementsPerChunk = MaxChunkBytes / elementSize;
        using var flat = tensor.view(-1);
        for (long start = 0; start < count; start += elementsPerChunk)
        {
            using var piece = flat.narrow(0, start, Math.Min(elementsPerChunk, count - start));
            action(piece.bytes);
        }
    }
}
