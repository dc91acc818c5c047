using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Tailor.Training.Adapters;

/// <summary>
/// A frozen linear layer plus a trainable low-rank update, as HF PEFT's <c>lora.Linear</c>:
/// y = base(x) + lora_B(lora_A(dropout(x))) · scale, with A [r, in] and B [out, r].
/// </summary>
/// <remarks>
/// Submodule names are PEFT's, so parameter names are too: <c>base_layer.weight</c>, <c>lora_A.weight</c>,
/// <c>lora_B.weight</c> (PEFT adds an adapter name, <c>lora_A.default.weight</c>, which it strips when saving).
/// A starts Kaiming-uniform and B at zero, so a fresh adapter changes nothing until B has been trained.
/// The adapter computes in its own dtype (fp32 by default, PEFT's autocast_adapter_dtype) and the sum is cast back
/// to the base output's dtype, so a bf16 or NF4 base keeps bf16 activations while the adapter trains in fp32.
/// </remarks>
public sealed class LoraLinear : Module<Tensor, Tensor>
{
    readonly Module<Tensor, Tensor> base_layer;
    readonly Linear lora_A;
    readonly Linear lora_B;
    readonly Module<Tensor, Tensor> lora_dropout;

    public long InFeatures { get; }
    public long OutFeatures { get; }
    public int Rank { get; }

    /// <summary>alpha / r, or alpha / sqrt(r) for rsLoRA.</summary>
    public double Scale { get; }

    /// <summary>True while scale · B · A has been added into the base weight (forward then skips the adapter path).</summary>
    public bool Merged { get; private set; }

    /// <param name="baseLayer">A <see cref="Linear"/> or an <see cref="Nf4Linear"/>; its parameters are frozen.</param>
    /// <param name="generator">Random source for A's initialisation; null uses the global one (torch.manual_seed).</param>
    public LoraLinear(Module<Tensor, Tensor> baseLayer, LoraConfig config, ScalarType dtype = ScalarType.Float32, Generator? generator = null)
        : base(nameof(LoraLinear))
    {
        ArgumentNullException.ThrowIfNull(baseLayer);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        (InFeatures, OutFeatures, var device) = baseLayer switch
        {
            Linear l => (l.in_features, l.out_features, l.weight.device),
            Nf4Linear q => (q.InFeatures, q.OutFeatures, q.Device),
            _ => throw new ArgumentException($"LoRA wraps Linear or Nf4Linear layers, not {baseLayer.GetType().Name}", nameof(baseLayer)),
        };
        Rank = config.R;
        Scale = config.Scale;
        base_layer = baseLayer;
        foreach (var p in baseLayer.parameters()) p.requires_grad = false;

        lora_A = Linear(InFeatures, Rank, hasBias: false, device: device, dtype: dtype);
        lora_B = Linear(Rank, OutFeatures, hasBias: false, device: device, dtype: dtype);
        using (no_grad())
        {
            // kaiming_uniform_(a=sqrt(5)) as PEFT and nn.Linear use: gain sqrt(2 / (1 + 5)) gives the bound
            // sqrt(3) · gain / sqrt(fan_in) = 1 / sqrt(fan_in). Written out because TorchSharp's kaiming_uniform_
            // takes no generator (and its init.uniform_ ignores the one it is given; Tensor.uniform_ honours it).
            var bound = 1.0 / Math.Sqrt(InFeatures);
            lora_A.weight.uniform_(-bound, bound, generator);
            lora_B.weight.zero_();
        }
        lora_dropout = config.Dropout > 0 ? Dropout(config.Dropout) : Identity();
        RegisterComponents();
    }

    public Module<Tensor, Tensor> BaseLayer => base_layer;
    public Linear LoraA => lora_A;
    public Linear LoraB => lora_B;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var result = base_layer.forward(x);
        if (Merged) return result.MoveToOuterDisposeScope();

        var h = lora_dropout.forward(x.to(lora_A.weight.dtype));
        var update = lora_B.forward(lora_A.forward(h)) * Scale;
        // The sum is formed in the wider dtype, then rounded once to the base output's dtype.
        return (result + update).to(result.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>scale · B · A [out, in] in float32: what merging adds to the base weight.</summary>
    public Tensor DeltaWeight()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var delta = matmul(lora_B.weight.to(ScalarType.Float32), lora_A.weight.to(ScalarType.Float32)) * Scale;
        return delta.MoveToOuterDisposeScope();
    }

    /// <summary>Adds scale · B · A into the base weight, so inference costs one matmul. Reversible with <see cref="Unmerge"/>.</summary>
    public void Merge()
    {
        if (Merged) return;
        AddToBaseWeight(sign: 1);
        Merged = true;
    }

    /// <summary>Subtracts the update again (exact up to the base dtype's rounding).</summary>
    public void Unmerge()
    {
        if (!Merged) return;
        AddToBaseWeight(sign: -1);
        Merged = false;
    }

    /// <summary>
    /// The base layer with the update folded in, as a plain <see cref="Linear"/>: the base layer itself (merged in place)
    /// for a Linear base; for an NF4 base a new Linear in the compute dtype holding the dequantized weight plus the
    /// update (quantizing again would round twice, and the result is meant for saving or inference).
    /// </summary>
    public Linear MergedLinear()
    {
        if (base_layer is Linear linear)
        {
            Merge();
            return linear;
        }
        var quantized = (Nf4Linear)base_layer;
        using var scope = NewDisposeScope();
        var merged = quantized.DequantizedWeight(ScalarType.Float32) + DeltaWeight();
        var weight = new Parameter(merged.to(quantized.ComputeDtype), requires_grad: false).DetachFromDisposeScope();
        var bias = quantized.Bias is null ? null : new Parameter(quantized.Bias.detach().to(quantized.ComputeDtype).clone(), requires_grad: false).DetachFromDisposeScope();
        return Linear((Parameter)weight, (Parameter?)bias);
    }

    void AddToBaseWeight(int sign)
    {
        if (base_layer is not Linear linear)
        {
            throw new TrainingException(
                $"cannot merge LoRA into a {base_layer.GetType().Name} in place: its weight is quantized. Use LoraInjector.MergeAndUnload, which builds a full-precision layer");
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var w = linear.weight;
        // In float32, rounded once into the weight's dtype.
        w.copy_(w.to(ScalarType.Float32) + DeltaWeight() * sign);
    }

    public override string ToString() =>
        $"LoraLinear(in_features={InFeatures}, out_features={OutFeatures}, r={Rank}, scale={Scale}, merged={Merged}, base={base_layer.GetType().Name})";
}
