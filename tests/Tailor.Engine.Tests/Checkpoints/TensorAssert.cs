using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Checkpoints;

/// <summary>Exact tensor comparison: same dtype, same shape, same bits (so NaN equals NaN and -0 differs from 0).</summary>
internal static class TensorAssert
{
    public static void BitEqual(Tensor expected, Tensor actual, string? name = null)
    {
        Assert.True(expected.dtype == actual.dtype, $"{name}: dtype {actual.dtype}, expected {expected.dtype}");
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{name}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        using var scope = NewDisposeScope();
        Assert.True(
            expected.cpu().contiguous().bytes.SequenceEqual(actual.cpu().contiguous().bytes),
            $"{name}: values differ");
    }
}
