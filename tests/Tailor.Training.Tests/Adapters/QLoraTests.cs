using Tailor.Engine.Models;
using Tailor.Training.Adapters;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Tailor.Training.Tests.TinyModels;

namespace Tailor.Training.Tests.Adapters;

public class QLoraTests
{
    static float RelativeError(Tensor actual, Tensor expected) =>
        ((actual.to(ScalarType.Float32) - expected.to(ScalarType.Float32)).norm() / expected.to(ScalarType.Float32).norm()).item<float>();

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    public void Nf4LinearIsCloseToTheLinear(ScalarType computeDtype)
    {
        using var linear = nn.Linear(256, 128);
        var x = randn([4, 256], generator: Seeded(1));
        var expected = linear.forward(x);
        using var quantized = Nf4Linear.FromLinear(linear, computeDtype);

        var y = quantized.forward(x);
        Assert.Equal(ScalarType.Float32, y.dtype);
        Assert.InRange(RelativeError(y, expected), 0f, 0.15f);
        Assert.Equal(new long[] { 128, 256 }, quantized.DequantizedWeight().shape);
        Assert.Equal(computeDtype, quantized.DequantizedWeight().dtype);
        Assert.DoesNotContain(quantized.parameters(), p => p.requires_grad);
        Assert.Equal(["weight", "absmax", "nested_absmax"], quantized.named_buffers().Select(b => b.name));
    }

    [Fact]
    public void DtypeMovesChangeTheComputeDtypeButNotTheStoredState()
    {
        using var quantized = Nf4Linear.FromLinear(nn.Linear(64, 64), doubleQuantize: false);
        quantized.to(ScalarType.Float16);
        Assert.Equal(ScalarType.Float16, quantized.ComputeDtype);
        Assert.Equal(ScalarType.Byte, quantized.Quantized.Packed.dtype);
        Assert.Equal(ScalarType.Float32, quantized.Quantized.Absmax.dtype);
        Assert.Equal(ScalarType.Float16, quantized.forward(ones(2, 64, dtype: ScalarType.Float16)).dtype);
    }

    [Fact]
    public void QuantizeReplacesEveryLinearButTheOutputLayer()
    {
        using var model = Build();
        var reference = model.forward(Tokens());
        var report = QLoraPreparer.Quantize(model, ScalarType.Float32);

        var sites = ModuleSurgery.Descendants(model).ToList();
        Assert.Equal(14, sites.Count(s => s.Module is Nf4Linear));
        Assert.IsType<Linear>(sites.Single(s => s.Name == "lm_head").Module);
        Assert.Equal(14, report.Layers);
        // Errors compound through a tiny random model, but stay far below another model's distance (about 1.4).
        using var other = Build(seed: 2);
        Assert.InRange(RelativeError(model.forward(Tokens()), reference), 0f, 0.5f);
        Assert.InRange(RelativeError(other.forward(Tokens()), reference), 1f, 2f);
    }

    [Fact]
    public void MemoryReportShowsAboutFourBitsPerWeight()
    {
        using var model = Build();
        var report = QLoraPreparer.Quantize(model);
        // Per layer of 2 layers: 4 attention projections (32·32, 32·16 twice, 32·32) and 3 MLP ones (32·64 each).
        Assert.Equal(2 * (1024 + 512 + 512 + 1024 + 3 * 2048), report.Weights);
        Assert.Equal(report.Weights * 2, report.Bf16Bytes);
        Assert.Equal(report.Weights * 4, report.Fp32Bytes);
        Assert.True(report.RatioToBf16 < 0.3, report.ToString());
        Assert.InRange(report.BitsPerWeight, 4.0, 4.6);

        // On a layer of realistic size double quantization reaches bitsandbytes' 4.127 bits per weight.
        using var big = Nf4Linear.FromLinear(nn.Linear(1024, 1024, hasBias: false));
        var bits = big.Quantized.ByteCount * 8.0 / (1024 * 1024);
        Assert.InRange(bits, 4.12, 4.13);
        using var single = Nf4Linear.FromLinear(nn.Linear(1024, 1024, hasBias: false), doubleQuantize: false);
        Assert.Equal(4.5, single.Quantized.ByteCount * 8.0 / (1024 * 1024));
    }

    [Fact]
    public void QLoraTrainsOnlyTheAdaptersInBf16()
    {
        using var model = Build();
        model.to(ScalarType.BFloat16);
        QLoraPreparer.Quantize(model, ScalarType.BFloat16);
        var wrapped = LoraInjector.Apply(model, new LoraConfig { R = 4, TargetModules = LoraTargets.AllLinear }, generator: Seeded(2));
        RandomizeLoraB(model, seed: 3);
        Assert.All(LoraInjector.LoraLayers(model), l => Assert.IsType<Nf4Linear>(l.Layer.BaseLayer));

        var logits = model.forward(Tokens());
        Assert.Equal(ScalarType.BFloat16, logits.dtype);
        Assert.False(logits.isnan().any().item<bool>());
        logits.to(ScalarType.Float32).pow(2).mean().backward();

        var loraNames = wrapped.SelectMany(n => new[] { $"{n}.lora_A.weight", $"{n}.lora_B.weight" }).ToHashSet();
        foreach (var (name, p) in model.named_parameters())
        {
            if (loraNames.Contains(name))
            {
                Assert.True(p.requires_grad);
                Assert.Equal(ScalarType.Float32, p.dtype);
                Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} should have a gradient");
            }
            else
            {
                Assert.False(p.requires_grad, name);
                Assert.True(p.grad is null, $"{name} is frozen and must get no gradient");
            }
        }
    }

    [Fact]
    public void QLoraMergesIntoAPlainFullPrecisionModel()
    {
        using var dir = new TempDirectory();
        using var model = Build();
        QLoraPreparer.Quantize(model, ScalarType.Float32);
        LoraInjector.Apply(model, new LoraConfig { R = 4, TargetModules = LoraTargets.Names("q_proj", "down_proj") }, generator: Seeded(2));
        RandomizeLoraB(model, seed: 3);
        var adapted = model.forward(Tokens());

        var layer = LoraInjector.LoraLayers(model)[0].Layer;
        Assert.Throws<TrainingException>(layer.Merge);
        LoraInjector.MergeAndUnload(model);
        QLoraPreparer.Dequantize(model);
        Assert.DoesNotContain(ModuleSurgery.Descendants(model), s => s.Module is LoraLinear or Nf4Linear);
        Assert.True(MaxDiff(adapted, model.forward(Tokens())) < 1e-4f);

        LlamaCheckpoint.Save((LlamaForCausalLM)model, dir.Path);
        using var loaded = LlamaCheckpoint.Load(dir.Path);
        Assert.Equal(0f, MaxDiff(model.forward(Tokens()), loaded.forward(Tokens())));
    }

    [Fact]
    public void QuantizingAnAdaptedModelIsRejected()
    {
        using var model = Build();
        LoraInjector.Apply(model, new LoraConfig());
        var e = Assert.Throws<TrainingException>(() => QLoraPreparer.Quantize(model));
        Assert.Contains("quantize the base model first", e.Message);
    }
}
