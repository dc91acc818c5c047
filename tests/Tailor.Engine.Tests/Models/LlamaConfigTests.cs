using Tailor.Engine.Models;

namespace Tailor.Engine.Tests.Models;

public class LlamaConfigTests
{
    const string Llama32 = """
        {
          "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 128256, "hidden_size": 2048,
          "intermediate_size": 8192, "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8,
          "head_dim": 64, "max_position_embeddings": 131072, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
          "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                           "original_max_position_embeddings": 8192, "rope_type": "llama3"},
          "tie_word_embeddings": true, "attention_bias": false, "mlp_bias": false, "hidden_act": "silu",
          "torch_dtype": "bfloat16", "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009]
        }
        """;

    [Fact]
    public void ReadsALlama32ConfigWithEveryField()
    {
        var c = LlamaConfig.FromJson(Llama32);
        Assert.Equal(LlamaConfig.Llama, c.Architecture);
        Assert.Equal(64, c.HeadDim);
        Assert.Equal(8, c.NumKeyValueHeads);
        Assert.Equal(new RopeScaling("llama3", 32, 1, 4, 8192), c.RopeScaling);
        Assert.True(c.TieWordEmbeddings);
        Assert.Equal("bfloat16", c.TorchDtype);
        Assert.Equal([128001, 128008, 128009], c.EosTokenIds);
        // Llama-3.2-1B has 1.24B parameters with tied embeddings.
        Assert.InRange(c.ParameterCount(), 1_235_000_000, 1_236_000_000);
    }

    [Fact]
    public void DefaultsFollowTransformers()
    {
        var c = LlamaConfig.FromJson("""
            {"architectures":["Qwen2ForCausalLM"],"vocab_size":100,"hidden_size":64,"intermediate_size":128,
             "num_hidden_layers":2,"num_attention_heads":8}
            """);
        Assert.Equal(8, c.NumKeyValueHeads);  // no GQA unless stated
        Assert.Equal(8, c.HeadDim);           // hidden / heads
        Assert.True(c.QkvBias);               // Qwen2 always biases q/k/v
        Assert.False(c.OutputProjectionBias);
        Assert.Null(c.SlidingWindow);
    }

    [Fact]
    public void RoundTripsThroughJson()
    {
        var c = LlamaConfig.FromJson(Llama32);
        Assert.Equal(c.ToJson(), LlamaConfig.FromJson(c.ToJson()).ToJson());
        var m = TinyModels.Mistral(window: 7);
        Assert.Equal(7, LlamaConfig.FromJson(m.ToJson()).SlidingWindow);
    }

    [Theory]
    [InlineData("\"hidden_act\": \"silu\"", "\"hidden_act\": \"gelu\"", "'hidden_act'")]
    [InlineData("\"LlamaForCausalLM\"", "\"GPT2LMHeadModel\"", "'architectures'")]
    [InlineData("\"rope_type\": \"llama3\"", "\"rope_type\": \"yarn\"", "'rope_scaling'")]
    [InlineData("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 7", "'num_key_value_heads'")]
    [InlineData("\"hidden_size\": 2048", "\"hidden_size\": \"big\"", "'hidden_size'")]
    [InlineData("\"vocab_size\": 128256,", "", "'vocab_size'")]
    public void BadFieldsAreErrorsThatNameTheField(string from, string to, string field)
    {
        var json = Llama32.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Llama32, json);
        var e = Assert.Throws<EngineException>(() => LlamaConfig.FromJson(json, "models/x/config.json"));
        Assert.Contains(field, e.Message);
        Assert.Contains("models/x/config.json", e.Message);
    }

    [Fact]
    public void NotJsonIsAnErrorNamingTheFile()
    {
        var e = Assert.Throws<EngineException>(() => LlamaConfig.FromJson("{ nope", "m/config.json"));
        Assert.Contains("m/config.json", e.Message);
    }

    [Fact]
    public void Llama3RopeScalingKeepsHighFrequenciesAndDividesLowOnes()
    {
        var plain = new LlamaRotaryEmbedding(TinyModels.Llama() with { HeadDim = 64, RopeTheta = 500000 });
        var scaled = new LlamaRotaryEmbedding(TinyModels.Llama() with
        {
            HeadDim = 64, RopeTheta = 500000, RopeScaling = new RopeScaling("llama3", 8, 1, 4, 8192),
        });
        // Highest frequency (wavelength 2*pi < 8192/4): unchanged. Lowest (wavelength > 8192): divided by 8.
        Assert.Equal(plain.InverseFrequencies[0], scaled.InverseFrequencies[0]);
        Assert.Equal(plain.InverseFrequencies[^1] / 8, scaled.InverseFrequencies[^1], 1e-9f);
        var linear = new LlamaRotaryEmbedding(TinyModels.Llama() with { RopeScaling = new RopeScaling("linear", 2) });
        var unscaled = new LlamaRotaryEmbedding(TinyModels.Llama());
        Assert.Equal(unscaled.InverseFrequencies[1] / 2, linear.InverseFrequencies[1], 1e-9f);
    }
}
