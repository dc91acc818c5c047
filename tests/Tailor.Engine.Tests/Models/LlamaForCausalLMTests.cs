using Tailor.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Models;

public class LlamaForCausalLMTests
{
    static Tensor Ids(params long[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length);

    static float MaxDiff(Tensor a, Tensor b) => (a.to(ScalarType.Float32) - b.to(ScalarType.Float32)).abs().max().item<float>();

    public static TheoryData<string> Architectures => new() { "llama", "llama-tied-mha", "qwen2", "mistral" };

    static LlamaConfig ConfigFor(string name) => name switch
    {
        "llama" => TinyModels.Llama(),
        "llama-tied-mha" => TinyModels.Llama(tied: true, kvHeads: 4),
        "qwen2" => TinyModels.Qwen2(),
        "mistral" => TinyModels.Mistral(window: 4),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void ParameterNamesAreHuggingFaceKeysAndCountMatchesConfig(string arch)
    {
        var config = ConfigFor(arch);
        using var model = TinyModels.Build(config);
        var names = model.named_parameters().Select(p => p.name).ToHashSet();
        Assert.Contains("model.embed_tokens.weight", names);
        Assert.Contains("model.layers.1.self_attn.q_proj.weight", names);
        Assert.Contains("model.layers.0.mlp.down_proj.weight", names);
        Assert.Contains("model.layers.0.post_attention_layernorm.weight", names);
        Assert.Contains("model.norm.weight", names);
        Assert.Equal(!config.TieWordEmbeddings, names.Contains("lm_head.weight"));
        Assert.Equal(config.QkvBias, names.Contains("model.layers.0.self_attn.k_proj.bias"));
        Assert.DoesNotContain("model.layers.0.self_attn.o_proj.bias", names);
        Assert.Equal(config.ParameterCount(), model.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void ChangingALaterTokenNeverChangesAnEarlierLogit(string arch)
    {
        using var scope = NewDisposeScope();
        using var model = TinyModels.Build(ConfigFor(arch));
        var a = model.forward(Ids([5, 6, 7, 8, 9, 10, 11]), null);
        var b = model.forward(Ids([5, 6, 7, 8, 90, 3, 1]), null);
        Assert.True(MaxDiff(a.narrow(1, 0, 4), b.narrow(1, 0, 4)) == 0f);
        Assert.True(MaxDiff(a.narrow(1, 4, 1), b.narrow(1, 4, 1)) > 1e-3f);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void KvCacheDecodingEqualsFullForwardAtEveryStep(string arch)
    {
        using var scope = NewDisposeScope();
        var config = ConfigFor(arch);
        using var model = TinyModels.Build(config);
        long[] tokens = [3, 14, 15, 92, 65, 35, 89, 79, 32, 38];
        var full = model.forward(Ids(tokens), null);

        using var cache = new KvCache(config, 1, 16, model.DType, model.Device);
        var prefill = model.forward(Ids(tokens[..4]), null, null, cache);
        Assert.True(MaxDiff(prefill, full.narrow(1, 0, 4)) < 1e-5f);
        for (int t = 4; t < tokens.Length; t++)
        {
            var step = model.forward(Ids([tokens[t]]), null, null, cache);
            Assert.True(MaxDiff(step, full.narrow(1, t, 1)) < 1e-5f, $"step {t}");
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void LeftPaddedBatchEqualsOneByOne(string arch)
    {
        using var scope = NewDisposeScope();
        var config = ConfigFor(arch);
        using var model = TinyModels.Build(config);
        long[] shortRow = [7, 8, 9];
        long[] longRow = [1, 2, 3, 4, 5, 6];
        var batchIds = Ids([0, 0, 0, .. shortRow], longRow);
        var mask = Ids([0, 0, 0, 1, 1, 1], [1, 1, 1, 1, 1, 1]);

        using var cache = new KvCache(config, 2, 12, model.DType, model.Device);
        var batched = model.forward(batchIds, mask, null, cache);
        var aloneShort = model.forward(Ids(shortRow), null);
        var aloneLong = model.forward(Ids(longRow), null);
        Assert.True(MaxDiff(batched[0].narrow(0, 3, 3), aloneShort[0]) < 1e-5f);
        Assert.True(MaxDiff(batched[1], aloneLong[0]) < 1e-5f);

        // Decoding one more token per row continues each at its own position.
        var next = model.forward(Ids([40], [41]), null, null, cache);
        var shortPlus = model.forward(Ids([.. shortRow, 40]), null);
        var longPlus = model.forward(Ids([.. longRow, 41]), null);
        Assert.True(MaxDiff(next[0, 0], shortPlus[0, -1]) < 1e-5f);
        Assert.True(MaxDiff(next[1, 0], longPlus[0, -1]) < 1e-5f);
        Assert.False(next.isnan().any().item<bool>());
    }

    [Fact]
    public void SlidingWindowLimitsHowFarBackATokenSees()
    {
        using var scope = NewDisposeScope();
        using var model = TinyModels.Build(TinyModels.Mistral(window: 3));
        // With a window of 3, position 6 sees positions 4..6 only: token 0 cannot reach it.
        var a = model.forward(Ids([5, 6, 7, 8, 9, 10, 11]), null);
        var b = model.forward(Ids([50, 6, 7, 8, 9, 10, 11]), null);
        // Two layers widen the receptive field to 1 + 2*(3-1) = 5 positions: 0..4 influence position 4 at most.
        Assert.True(MaxDiff(a.narrow(1, 6, 1), b.narrow(1, 6, 1)) == 0f);
        Assert.True(MaxDiff(a.narrow(1, 4, 1), b.narrow(1, 4, 1)) > 1e-4f);
    }

    [Fact]
    public void Bf16LogitsStayCloseToFp32()
    {
        using var scope = NewDisposeScope();
        using var model = TinyModels.Build(TinyModels.Llama());
        var ids = Ids([3, 1, 4, 1, 5, 9, 2, 6]);
        var fp32 = model.forward(ids, null);
        model.to(ScalarType.BFloat16);
        var bf16 = model.forward(ids, null);
        Assert.Equal(ScalarType.BFloat16, bf16.dtype);
        var scale = fp32.abs().max().item<float>();
        Assert.InRange(MaxDiff(fp32, bf16) / scale, 0f, 0.05f);
        // bf16 must still rank tokens nearly the same way.
        var agree = fp32.argmax(-1).eq(bf16.argmax(-1)).to(ScalarType.Float32).mean().item<float>();
        Assert.True(agree >= 0.75f, $"top-1 agreement {agree}");
    }

    [Fact]
    public void SameSeedSameWeights()
    {
        using var scope = NewDisposeScope();
        using var a = TinyModels.Build(TinyModels.Llama(), seed: 42);
        using var b = TinyModels.Build(TinyModels.Llama(), seed: 42);
        using var c = TinyModels.Build(TinyModels.Llama(), seed: 43);
        var ids = Ids([1, 2, 3]);
        Assert.True(MaxDiff(a.forward(ids, null), b.forward(ids, null)) == 0f);
        Assert.True(MaxDiff(a.forward(ids, null), c.forward(ids, null)) > 0f);
    }

    [Fact]
    public void EmptyInputIsAClearError()
    {
        using var model = TinyModels.Build(TinyModels.Llama());
        var e = Assert.Throws<EngineException>(() => model.forward(zeros([1, 0], ScalarType.Int64), null));
        Assert.Contains("empty", e.Message);
    }
}
