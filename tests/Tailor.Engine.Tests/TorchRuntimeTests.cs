using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests;

/// <summary>libtorch loads (with the Debian 12 GLIBCXX fix applied by the build) and computes.</summary>
public class TorchRuntimeTests
{
    [Fact]
    public void MatmulAndAutogradWork()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, 2, 2).requires_grad_(true);
        var b = tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        var c = a.matmul(b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
        c.sum().backward();
        // d(sum(a@b))/da[i,k] = sum_j b[k,j]
        Assert.Equal(new float[] { 11, 15, 11, 15 }, a.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Bf16MatmulIsCloseToFp32()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(7);
        var a = randn(new long[] { 32, 32 }, generator: g);
        var exact = a.matmul(a);
        var half = a.to(ScalarType.BFloat16).matmul(a.to(ScalarType.BFloat16)).to(ScalarType.Float32);
        var relative = (exact - half).abs().max().item<float>() / exact.abs().max().item<float>();
        Assert.InRange(relative, 0f, 0.02f);
    }
}
