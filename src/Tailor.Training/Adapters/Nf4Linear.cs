using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Tailor.Training.Adapters;

/// <summary>
/// A frozen linear layer stored in NF4 (bitsandbytes' <c>Linear4bit</c>): the weight lives as packed 4-bit codes
/// and block scales, and each forward pass dequantizes it to the compute dtype for one matmul. Nothing here is
/// trainable; QLoRA trains LoRA adapters wrapped around it.
/// </summary>
/// <remarks>
/// Buffers (the module's state dict): <c>weight</c> (uint8 packed codes), <c>absmax</c> (fp32 scales, or uint8
/// codes when double-quantized) and <c>nested_absmax</c> (fp32, double quantization only); the bias, if any, is a
/// frozen parameter in its original dtype. Moving the model to another dtype changes the compute dtype and leaves
/// the codes and scales as they are, as bitsandbytes keeps its quantization state in fp32.
/// </remarks>
public sealed class Nf4Linear : Module<Tensor, Tensor>
{
    readonly Tensor weight;
    readonly Tensor absmax;
    readonly Tensor? nested_absmax;
    readonly float nestedOffset;
    readonly Parameter? bias;

    public long InFeatures { get; }
    public long OutFeatures { get; }

    /// <summary>The dtype the weight is dequantized to and the matmul runs in (bf16 by default, as in QLoRA).</summary>
    public ScalarType ComputeDtype { get; private set; }

    public Nf4Linear(Nf4Weight quantized, Tensor? bias, ScalarType computeDtype = ScalarType.BFloat16) : base(nameof(Nf4Linear))
    {
        ArgumentNullException.ThrowIfNull(quantized);
        if (quantized.Shape.Count != 2) throw new ArgumentException("a linear weight is 2-D [out, in]", nameof(quantized));
        if (!is_floating_point(computeDtype)) throw new ArgumentException($"compute dtype must be floating point, not {computeDtype}", nameof(computeDtype));
        OutFeatures = quantized.Shape[0];
        InFeatures = quantized.Shape[1];
        ComputeDtype = computeDtype;
        // The module owns its state from here on: a dispose scope the caller happens to be in must not free it.
        weight = quantized.Packed.DetachFromDisposeScope();
        absmax = quantized.Absmax.DetachFromDisposeScope();
        nested_absmax = quantized.NestedAbsmax?.DetachFromDisposeScope();
        nestedOffset = quantized.NestedOffset;
        if (bias is not null) this.bias = (Parameter)new Parameter(bias.detach().clone(), requires_grad: false).DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>Quantizes a linear layer's weight; the layer itself is left as it was (the caller disposes it).</summary>
    public static Nf4Linear FromLinear(Linear linear, ScalarType computeDtype = ScalarType.BFloat16, bool doubleQuantize = true)
    {
        ArgumentNullException.ThrowIfNull(linear);
        return new Nf4Linear(Nf4.Quantize(linear.weight, doubleQuantize), linear.bias, computeDtype);
    }

    /// <summary>The quantized weight, as views of this module's buffers (valid until the module moves or is disposed).</summary>
    public Nf4Weight Quantized => new([OutFeatures, InFeatures], weight, absmax, nested_absmax, nestedOffset);

    public Tensor? Bias => bias;

    public Device Device => weight.device;

    /// <summary>The full-precision weight [out, in] this layer computes with.</summary>
    public Tensor DequantizedWeight(ScalarType? dtype = null) => Nf4.Dequantize(Quantized, dtype ?? ComputeDtype);

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // As bitsandbytes' Linear4bit: compute in the compute dtype, answer in the input's dtype.
        var y = functional.linear(x.to(ComputeDtype), DequantizedWeight(), bias?.to(ComputeDtype));
        return y.to(x.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>A plain linear layer with the dequantized weight (and the bias), in <paramref name="dtype"/>.</summary>
    public Linear ToLinear(ScalarType? dtype = null)
    {
        var type = dtype ?? ComputeDtype;
        var w = new Parameter(DequantizedWeight(type), requires_grad: false);
        var b = bias is null ? null : new Parameter(bias.detach().to(type).clone(), requires_grad: false);
        return Linear(w, b);
    }

    // TorchSharp calls this after model.to(...): codes stay uint8 and scales fp32 (casting the scales to bf16 would
    // add error for no saving); a new dtype only becomes the compute dtype. Device moves proceed as usual.
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        if (dtype is { } type) ComputeDtype = type;
        if (device is not null) base._toEpilog(null, device, non_blocking);
    }

    public override string ToString() =>
        $"Nf4Linear(in_features={InFeatures}, out_features={OutFeatures}, bias={bias is not null}, compute_dtype={ComputeDtype}, double_quant={nested_absmax is not null})";
}
