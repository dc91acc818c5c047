using Tailor.Engine.Checkpoints;
using Tailor.Engine.Models;
using Tailor.Training.Adapters;
using TorchSharp;
using static TorchSharp.torch;
using static Tailor.Training.Tests.TinyModels;

namespace Tailor.Training.Tests.Adapters;

public class LoraInjectorTests
{
    static readonly string[] LayerZeroLinears =
    [
        "model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.k_proj", "model.layers.0.self_attn.v_proj",
        "model.layers.0.self_attn.o_proj", "model.layers.0.mlp.gate_proj", "model.layers.0.mlp.up_proj", "model.layers.0.mlp.down_proj",
    ];

    [Fact]
    public void NameListWrapsMatchingLayersInModelOrder()
    {
        using var model = Build();
        var wrapped = LoraInjector.Apply(model, new LoraConfig { TargetModules = LoraTargets.Names("q_proj", "v_proj") });
        Assert.Equal(
            ["model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj", "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"],
            wrapped);
    }

    [Fact]
    public void ParameterNamesArePefts()
    {
        using var model = Build();
        LoraInjector.Apply(model, new LoraConfig { R = 4 });
        var names = model.named_parameters().Select(p => p.name).ToHashSet();
        Assert.Contains("model.layers.0.self_attn.q_proj.base_layer.weight", names);
        Assert.Contains("model.layers.0.self_attn.q_proj.lora_A.weight", names);
        Assert.Contains("model.layers.0.self_attn.q_proj.lora_B.weight", names);
        Assert.Contains("model.layers.0.self_attn.k_proj.weight", names);
        Assert.DoesNotContain("model.layers.0.self_attn.q_proj.weight", names);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AllLinearWrapsEveryLinearButTheOutputLayer(bool tied)
    {
        using var model = Build(Llama(tied));
        var wrapped = LoraInjector.Apply(model, new LoraConfig { TargetModules = LoraTargets.AllLinear });
        Assert.Equal(14, wrapped.Count);
        Assert.Equal(LayerZeroLinears, wrapped.Take(7));
        Assert.DoesNotContain(wrapped, n => n.Contains("lm_head", StringComparison.Ordinal));
    }

    [Fact]
    public void RegexMustMatchTheWholeName()
    {
        using var model = Build();
        var wrapped = LoraInjector.Apply(model, new LoraConfig { TargetModules = LoraTargets.Regex(@".*\.1\.self_attn\.(q|k)_proj") });
        Assert.Equal(["model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.k_proj"], wrapped);

        using var other = Build();
        // "q_proj" alone matches no whole name (re.fullmatch), unlike the list form.
        var e = Assert.Throws<TrainingException>(() => LoraInjector.Apply(other, new LoraConfig { TargetModules = LoraTargets.Regex("q_proj") }));
        Assert.Contains("matches no module", e.Message);
    }

    [Fact]
    public void UnknownTargetNamesTheAvailableLinearLayers()
    {
        using var model = Build();
        var e = Assert.Throws<TrainingException>(() =>
            LoraInjector.Apply(model, new LoraConfig { TargetModules = LoraTargets.Names("q_proj", "q_prj") }));
        Assert.Contains("'q_prj' matches no module", e.Message);
        Assert.Contains("q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, lm_head", e.Message);
        Assert.Empty(LoraInjector.LoraLayers(model));
    }

    [Fact]
    public void NonLinearTargetIsRejected()
    {
        using var model = Build();
        var e = Assert.Throws<TrainingException>(() => LoraInjector.Apply(model, new LoraConfig { TargetModules = LoraTargets.Names("mlp") }));
        Assert.Contains("'model.layers.0.mlp', a LlamaMLP", e.Message);
    }

    [Fact]
    public void FailedInjectionLeavesTheModelUntouched()
    {
        using var model = Build();
        var before = model.named_parameters().Select(p => (p.name, p.parameter.requires_grad)).ToList();
        // LlamaForCausalLM declares lm_head as a Linear field, which cannot hold a LoRA layer.
        var e = Assert.Throws<TrainingException>(() =>
            LoraInjector.Apply(model, new LoraConfig { TargetModules = LoraTargets.Names("q_proj", "lm_head") }));
        Assert.Contains("'lm_head'", e.Message);
        Assert.Empty(LoraInjector.LoraLayers(model));
        Assert.Equal(before, model.named_parameters().Select(p => (p.name, p.parameter.requires_grad)).ToList());
    }

    [Fact]
    public void SecondAdapterIsRejected()
    {
        using var model = Build();
        LoraInjector.Apply(model, new LoraConfig());
        Assert.Throws<TrainingException>(() => LoraInjector.Apply(model, new LoraConfig()));
    }

    [Fact]
    public void MergeAndUnloadGivesAPlainSaveableModel()
    {
        using var dir = new TempDirectory();
        using var model = Build();
        var plainKeys = model.named_parameters().Select(p => p.name).ToList();
        LoraInjector.Apply(model, new LoraConfig { R = 4, TargetModules = LoraTargets.AllLinear }, generator: Seeded(2));
        RandomizeLoraB(model, seed: 5);
        var adapted = model.forward(Tokens());

        var merged = LoraInjector.MergeAndUnload(model);
        Assert.Equal(14, merged.Count);
        Assert.Empty(LoraInjector.LoraLayers(model));
        Assert.Equal(plainKeys, model.named_parameters().Select(p => p.name).ToList());
        Assert.True(MaxDiff(adapted, model.forward(Tokens())) < 1e-5f);

        LlamaCheckpoint.Save(model, dir.Path);
        using var loaded = LlamaCheckpoint.Load(dir.Path);
        Assert.Equal(0f, MaxDiff(model.forward(Tokens()), loaded.forward(Tokens())));
    }

    [Fact]
    public void UnloadRestoresTheBaseModel()
    {
        using var model = Build();
        var original = model.forward(Tokens());
        LoraInjector.Apply(model, new LoraConfig { R = 4, TargetModules = LoraTargets.AllLinear }, generator: Seeded(2));
        RandomizeLoraB(model, seed: 5);
        LoraInjector.LoraLayers(model)[3].Layer.Merge();
        Assert.True(MaxDiff(original, model.forward(Tokens())) > 1e-3f);

        LoraInjector.Unload(model);
        Assert.Empty(LoraInjector.LoraLayers(model));
        Assert.True(MaxDiff(original, model.forward(Tokens())) < 1e-5f);
        Assert.Equal(StateDictLoader.StateDict(Build()).Keys.Order(), StateDictLoader.StateDict(model).Keys.Order());
    }
}
