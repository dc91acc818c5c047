using System.Text.Json;
using Tailor.Engine.Checkpoints;
using Tailor.Training.Adapters;
using TorchSharp;
using static TorchSharp.torch;
using static Tailor.Training.Tests.TinyModels;

namespace Tailor.Training.Tests.Adapters;

public class PeftAdapterTests
{
    static readonly LoraConfig QV = new() { R = 4, Alpha = 16, Dropout = 0.05, TargetModules = LoraTargets.Names("q_proj", "v_proj") };

    static string WeightsPath(TempDirectory dir) => dir.File("adapter_model.safetensors");

    /// <summary>A model with trained-looking (random) adapters, saved to <paramref name="dir"/>.</summary>
    static Tensor SaveAdapted(TempDirectory dir, LoraConfig config)
    {
        using var model = Build();
        LoraInjector.Apply(model, config, generator: Seeded(2));
        RandomizeLoraB(model, seed: 3);
        PeftAdapter.Save(model, config, dir.Path, "meta-llama/Llama-3.2-1B");
        model.eval();
        return model.forward(Tokens());
    }

    [Fact]
    public void WritesPeftKeysAndShapes()
    {
        using var dir = new TempDirectory();
        SaveAdapted(dir, QV);
        var header = SafeTensorsReader.ReadHeader(WeightsPath(dir));

        Assert.Equal(8, header.Count);
        Assert.Equal([4L, 32L], header["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
        Assert.Equal([32L, 4L], header["base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight"].Shape);
        // v_proj projects to the 2 key/value heads only: out = 2 · 8.
        Assert.Equal([4L, 32L], header["base_model.model.model.layers.1.self_attn.v_proj.lora_A.weight"].Shape);
        Assert.Equal([16L, 4L], header["base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"].Shape);
        Assert.All(header.Values, t => Assert.Equal(ScalarType.Float32, t.DType));
        Assert.DoesNotContain(header.Keys, k => k.Contains("default", StringComparison.Ordinal) || k.Contains("base_layer", StringComparison.Ordinal));
        Assert.Equal("pt", SafeTensorsReader.ReadMetadata(WeightsPath(dir))["format"]);
    }

    [Fact]
    public void WritesPeftConfigFields()
    {
        using var dir = new TempDirectory();
        SaveAdapted(dir, QV with { UseRsLora = true });
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("adapter_config.json")));
        var root = json.RootElement;

        Assert.Equal("LORA", root.GetProperty("peft_type").GetString());
        Assert.Equal(4, root.GetProperty("r").GetInt32());
        Assert.Equal("16", root.GetProperty("lora_alpha").GetRawText());
        Assert.Equal(0.05, root.GetProperty("lora_dropout").GetDouble());
        Assert.Equal(["q_proj", "v_proj"], root.GetProperty("target_modules").EnumerateArray().Select(e => e.GetString()));
        Assert.True(root.GetProperty("use_rslora").GetBoolean());
        Assert.Equal("none", root.GetProperty("bias").GetString());
        Assert.Equal("CAUSAL_LM", root.GetProperty("task_type").GetString());
        Assert.Equal("meta-llama/Llama-3.2-1B", root.GetProperty("base_model_name_or_path").GetString());
        Assert.False(root.GetProperty("fan_in_fan_out").GetBoolean());
        Assert.True(root.GetProperty("inference_mode").GetBoolean());
        Assert.True(root.GetProperty("init_lora_weights").GetBoolean());
        Assert.False(root.GetProperty("use_dora").GetBoolean());
        foreach (var name in new[] { "modules_to_save", "layers_to_transform", "revision" })
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(name).ValueKind);
        }
        // save_pretrained writes sorted keys.
        var keys = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void RegexAndAllLinearTargetsAreWrittenAsPeftDoes()
    {
        using var regexDir = new TempDirectory();
        SaveAdapted(regexDir, QV with { TargetModules = LoraTargets.Regex(@".*\.(q|v)_proj") });
        Assert.Equal(@".*\.(q|v)_proj", PeftAdapter.ReadConfig(regexDir.Path).Lora.TargetModules.Pattern);

        // PEFT expands all-linear to the names it selected before saving.
        using var allDir = new TempDirectory();
        SaveAdapted(allDir, QV with { TargetModules = LoraTargets.AllLinear });
        Assert.Equal(["down_proj", "gate_proj", "k_proj", "o_proj", "q_proj", "up_proj", "v_proj"],
            PeftAdapter.ReadConfig(allDir.Path).Lora.TargetModules.ModuleNames!);
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalLogits()
    {
        using var dir = new TempDirectory();
        var expected = SaveAdapted(dir, QV);

        using var model = Build();
        var config = PeftAdapter.Load(model, dir.Path);
        model.eval();
        Assert.Equal(QV, config.Lora);
        Assert.Equal("meta-llama/Llama-3.2-1B", config.BaseModelNameOrPath);
        Assert.True(BitIdentical(expected, model.forward(Tokens())));
        Assert.Equal(4, LoraInjector.LoraLayers(model).Count);
    }

    /// <summary>An adapter as Python PEFT writes it: keys without the adapter name, config with PEFT's extra fields.</summary>
    [Theory]
    [InlineData("")]
    [InlineData(".default")]
    public void HandWrittenPeftAdapterLoads(string adapterName)
    {
        using var dir = new TempDirectory();
        var g = Seeded(11);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var index in new[] { 0, 1 })
        {
            var prefix = $"base_model.model.model.layers.{index}.self_attn.";
            tensors[$"{prefix}q_proj.lora_A{adapterName}.weight"] = randn([2, 32], generator: g);
            tensors[$"{prefix}q_proj.lora_B{adapterName}.weight"] = randn([32, 2], generator: g);
            tensors[$"{prefix}v_proj.lora_A{adapterName}.weight"] = randn([2, 32], generator: g);
            tensors[$"{prefix}v_proj.lora_B{adapterName}.weight"] = randn([16, 2], generator: g);
        }
        SafeTensorsWriter.Save(tensors.ToDictionary(e => e.Key, e => e.Value.to(ScalarType.BFloat16)), WeightsPath(dir), new Dictionary<string, string> { ["format"] = "pt" });
        dir.Write("adapter_config.json", """
            {
              "alpha_pattern": {},
              "auto_mapping": null,
              "base_model_name_or_path": "TinyLlama/TinyLlama-1.1B",
              "bias": "none",
              "fan_in_fan_out": false,
              "inference_mode": true,
              "init_lora_weights": true,
              "layer_replication": null,
              "layers_pattern": null,
              "layers_to_transform": null,
              "loftq_config": {},
              "lora_alpha": 4,
              "lora_dropout": 0.0,
              "megatron_config": null,
              "megatron_core": "megatron.core",
              "modules_to_save": null,
              "peft_type": "LORA",
              "r": 2,
              "rank_pattern": {},
              "revision": null,
              "target_modules": ["v_proj", "q_proj"],
              "task_type": "CAUSAL_LM",
              "use_dora": false,
              "use_rslora": false
            }
            """);

        using var model = Build();
        var config = PeftAdapter.Load(model, dir.Path);
        Assert.Equal(2.0, config.Lora.Scale);
        var layer = LoraInjector.LoraLayers(model).Single(l => l.Name == "model.layers.1.self_attn.v_proj").Layer;
        var file = tensors[$"base_model.model.model.layers.1.self_attn.v_proj.lora_B{adapterName}.weight"].to(ScalarType.BFloat16).to(ScalarType.Float32);
        Assert.True(BitIdentical(layer.LoraB.weight, file));
        Assert.Equal(ScalarType.Float32, layer.LoraB.weight.dtype);
    }

    [Fact]
    public void MismatchedWeightsNameEveryKeyAndLeaveTheModelWithoutLora()
    {
        using var dir = new TempDirectory();
        SaveAdapted(dir, QV);
        var tensors = SafeTensorsReader.Load(WeightsPath(dir));
        tensors.Remove("base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight");
        tensors["base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight"] = zeros(3, 32);
        tensors["base_model.model.lm_head.lora_A.weight"] = zeros(4, 32);
        SafeTensorsWriter.Save(tensors, WeightsPath(dir));

        using var model = Build();
        var e = Assert.Throws<CheckpointMismatchException>(() => PeftAdapter.Load(model, dir.Path));
        Assert.Equal(["base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight"], e.MissingKeys);
        Assert.Equal(["base_model.model.lm_head.lora_A.weight"], e.UnexpectedKeys);
        var mismatch = Assert.Single(e.ShapeMismatches);
        Assert.Equal("base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight", mismatch.Name);
        Assert.Contains("model expects [4, 32], checkpoint has [3, 32]", e.Message);
        Assert.Empty(LoraInjector.LoraLayers(model));
        Assert.Contains("model.layers.0.self_attn.q_proj.weight", model.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void ConfigTargetingMissingModulesNamesTheConfigFile()
    {
        using var dir = new TempDirectory();
        SaveAdapted(dir, QV);
        var path = dir.File("adapter_config.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"q_proj\"", "\"c_attn\"", StringComparison.Ordinal));
        using var model = Build();
        var e = Assert.Throws<TrainingException>(() => PeftAdapter.Load(model, dir.Path));
        Assert.Contains("adapter_config.json", e.Message);
        Assert.Contains("'c_attn' matches no module", e.Message);
    }

    [Theory]
    [InlineData("\"r\": 4,", "", "'r' (the LoRA rank) is missing")]
    [InlineData("\"r\": 4,", "\"r\": \"four\",", "'r' must be a positive integer, got \"four\"")]
    [InlineData("\"peft_type\": \"LORA\"", "\"peft_type\": \"IA3\"", "'peft_type' is \"IA3\"")]
    [InlineData("\"bias\": \"none\"", "\"bias\": \"all\"", "bias 'all' is not supported")]
    [InlineData("\"use_dora\": false", "\"use_dora\": true", "'use_dora' is true: DoRA")]
    [InlineData("\"modules_to_save\": null", "\"modules_to_save\": [\"lm_head\"]", "modules_to_save [lm_head] is not supported")]
    [InlineData("\"task_type\": \"CAUSAL_LM\"", "\"task_type\": \"SEQ_CLS\"", "'task_type' is \"SEQ_CLS\"")]
    [InlineData("\"lora_dropout\": 0.05", "\"lora_dropout\": 1.5", "lora_dropout must be in [0, 1)")]
    [InlineData("}", "", "not valid JSON")]
    public void ConfigErrorsNameTheFileAndField(string find, string replace, string expected)
    {
        using var dir = new TempDirectory();
        SaveAdapted(dir, QV);
        var path = dir.File("adapter_config.json");
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(path, text[..index] + replace + text[(index + find.Length)..]);

        var e = Assert.Throws<TrainingException>(() => PeftAdapter.ReadConfig(dir.Path));
        Assert.Contains("adapter_config.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ConfigMustBeAJsonObject()
    {
        using var dir = new TempDirectory();
        dir.Write("adapter_config.json", "[1, 2]");
        var e = Assert.Throws<TrainingException>(() => PeftAdapter.ReadConfig(dir.Path));
        Assert.Contains("adapter_config.json: expected a JSON object", e.Message);
    }

    [Fact]
    public void MissingFilesAreNamed()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TrainingException>(() => PeftAdapter.ReadConfig(dir.Path));
        Assert.Contains("adapter_config.json: not found", e.Message);

        new PeftAdapterConfig(QV, null).Write(dir.File("adapter_config.json"));
        using var model = Build();
        var weights = Assert.Throws<TrainingException>(() => PeftAdapter.Load(model, dir.Path));
        Assert.Contains("adapter_model.safetensors: not found", weights.Message);
    }

    [Fact]
    public void SaveRefusesAConfigThatDoesNotDescribeTheModel()
    {
        using var dir = new TempDirectory();
        using var model = Build();
        Assert.Throws<TrainingException>(() => PeftAdapter.Save(model, QV, dir.Path, null));
        LoraInjector.Apply(model, QV);
        var e = Assert.Throws<TrainingException>(() => PeftAdapter.Save(model, QV with { R = 8 }, dir.Path, null));
        Assert.Contains("r=4", e.Message);
    }
}
