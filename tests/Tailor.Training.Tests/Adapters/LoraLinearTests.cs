using Tailor.Training.Adapters;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Tailor.Training.Tests.TinyModels;

namespace Tailor.Training.Tests.Adapters;

public class LoraLinearTests
{
    static readonly LoraConfig AllLinear = new() { R = 4, Alpha = 8, TargetModules = LoraTargets.AllLinear };

    [Fact]
    public void FreshAdapterLeavesLogitsBitIdentical()
    {
        using var model = Build();
        var before = model.forward(Tokens());
        LoraInjector.Apply(model, AllLinear, generator: Seeded(3));
        var after = model.forward(Tokens());
        Assert.True(BitIdentical(before, after));
    }

    [Fact]
    public void MergedAndUnmergedForwardsAgree()
    {
        using var model = Build();
        LoraInjector.Apply(model, AllLinear, generator: Seeded(3));
        RandomizeLoraB(model, seed: 4);
        var unmerged = model.forward(Tokens());
        foreach (var (_, layer) in LoraInjector.LoraLayers(model)) layer.Merge();
        Assert.All(LoraInjector.LoraLayers(model), l => Assert.True(l.Layer.Merged));
        var merged = model.forward(Tokens());

        Assert.True(MaxDiff(unmerged, merged) < 1e-5f, $"max diff {MaxDiff(unmerged, merged)}");
        using var plain = Build();
        Assert.True(MaxDiff(unmerged, plain.forward(Tokens())) > 1e-2f, "the random adapters should change the logits");
    }

    [Fact]
    public void MergeThenUnmergeRestoresBaseWeights()
    {
        using var model = Build();
        LoraInjector.Apply(model, AllLinear, generator: Seeded(3));
        RandomizeLoraB(model, seed: 4);
        var layer = LoraInjector.LoraLayers(model)[0].Layer;
        var weight = ((Linear)layer.BaseLayer).weight;
        var original = weight.detach().clone();

        layer.Merge();
        Assert.True(MaxDiff(weight, original + layer.DeltaWeight()) < 1e-6f);
        layer.Merge(); // a second merge is a no-op, not a double update
        Assert.True(MaxDiff(weight, original + layer.DeltaWeight()) < 1e-6f);
        layer.Unmerge();
        Assert.False(layer.Merged);
        Assert.True(MaxDiff(weight, original) < 1e-6f);
    }

    [Fact]
    public void ForwardIsBasePlusScaledLowRankUpdate()
    {
        var config = new LoraConfig { R = 4, Alpha = 16 };
        using var linear = nn.Linear(12, 6, hasBias: true);
        using var lora = new LoraLinear(linear, config, generator: Seeded(1));
        using var _ = no_grad();
        lora.LoraB.weight.copy_(randn(6, 4, generator: Seeded(2)));
        var x = randn(3, 12, generator: Seeded(5));

        var expected = linear.forward(x) + matmul(matmul(x, lora.LoraA.weight.t()), lora.LoraB.weight.t()) * (16.0 / 4);
        Assert.True(MaxDiff(lora.forward(x), expected) < 1e-5f);
        Assert.Equal(4.0, lora.Scale);
    }

    [Fact]
    public void RsLoraScalesByAlphaOverSqrtR()
    {
        Assert.Equal(16.0 / 4, new LoraConfig { R = 4, Alpha = 16 }.Scale);
        Assert.Equal(16.0 / 2, new LoraConfig { R = 4, Alpha = 16, UseRsLora = true }.Scale);
        using var linear = nn.Linear(8, 8);
        using var lora = new LoraLinear(linear, new LoraConfig { R = 16, Alpha = 8, UseRsLora = true });
        Assert.Equal(2.0, lora.Scale);
    }

    [Fact]
    public void InitialisesAKaimingUniformAndBZero()
    {
        using var linear = nn.Linear(100, 20);
        using var lora = new LoraLinear(linear, new LoraConfig { R = 8 }, generator: Seeded(9));
        var a = lora.LoraA.weight;
        Assert.Equal(new long[] { 8, 100 }, a.shape);
        Assert.Equal(new long[] { 20, 8 }, lora.LoraB.weight.shape);
        Assert.True(a.abs().max().item<float>() <= 1 / Math.Sqrt(100));
        // Uniform on [-b, b] has standard deviation b / sqrt(3).
        Assert.InRange(a.std().item<float>(), 0.1 / Math.Sqrt(3) * 0.9, 0.1 / Math.Sqrt(3) * 1.1);
        Assert.Equal(0f, lora.LoraB.weight.abs().max().item<float>());

        using var again = new LoraLinear(nn.Linear(100, 20), new LoraConfig { R = 8 }, generator: Seeded(9));
        Assert.True(BitIdentical(a, again.LoraA.weight));
    }

    [Fact]
    public void OnlyLoraParametersTrainAndReceiveGradients()
    {
        using var model = Build();
        var wrapped = LoraInjector.Apply(model, new LoraConfig { R = 2, TargetModules = LoraTargets.Names("q_proj", "v_proj") }, generator: Seeded(3));
        RandomizeLoraB(model, seed: 4);

        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        var expected = wrapped.SelectMany(n => new[] { $"{n}.lora_A.weight", $"{n}.lora_B.weight" }).ToList();
        Assert.Equal(expected.Order(), trainable.Order());

        var loss = model.forward(Tokens()).pow(2).mean();
        loss.backward();
        foreach (var (name, p) in model.named_parameters())
        {
            if (expected.Contains(name))
            {
                Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} should have a gradient");
            }
            else
            {
                Assert.True(p.grad is null, $"{name} is frozen and must get no gradient");
            }
        }
    }

    [Fact]
    public void Bf16BaseWithFp32AdapterKeepsBf16Activations()
    {
        using var linear = nn.Linear(16, 8, hasBias: false, dtype: ScalarType.BFloat16);
        using var lora = new LoraLinear(linear, new LoraConfig { R = 4 }, generator: Seeded(1));
        Assert.Equal(ScalarType.Float32, lora.LoraA.weight.dtype);
        Assert.Equal(ScalarType.Float32, lora.LoraB.weight.dtype);
        var x = randn(2, 16, generator: Seeded(2)).to(ScalarType.BFloat16);
        var y = lora.forward(x);
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        Assert.True(BitIdentical(y, linear.forward(x)));
    }

    [Fact]
    public void DropoutActsOnlyInTrainingMode()
    {
        using var linear = nn.Linear(64, 64);
        using var lora = new LoraLinear(linear, new LoraConfig { R = 8, Dropout = 0.5 }, generator: Seeded(1));
        using (no_grad()) lora.LoraB.weight.copy_(randn(64, 8, generator: Seeded(2)));
        var x = randn(4, 64, generator: Seeded(3));
        var expected = linear.forward(x) + matmul(matmul(x, lora.LoraA.weight.t()), lora.LoraB.weight.t());

        lora.eval();
        Assert.True(MaxDiff(lora.forward(x), expected) < 1e-4f);
        lora.train();
        Assert.True(MaxDiff(lora.forward(x), expected) > 1e-2f);
    }

    [Fact]
    public void RejectsUnsupportedBiasAndModulesToSave()
    {
        using var linear = nn.Linear(8, 8);
        var bias = Assert.Throws<TrainingException>(() => new LoraLinear(linear, new LoraConfig { Bias = "all" }));
        Assert.Contains("bias 'all'", bias.Message);
        var modules = Assert.Throws<TrainingException>(() => new LoraLinear(linear, new LoraConfig { ModulesToSave = ["lm_head"] }));
        Assert.Contains("modules_to_save", modules.Message);
        Assert.Throws<TrainingException>(() => new LoraLinear(linear, new LoraConfig { R = 0 }));
    }
}
