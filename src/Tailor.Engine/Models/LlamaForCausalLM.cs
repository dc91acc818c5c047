using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Tailor.Engine.Models;

// A Llama-family decoder (Llama 2/3, Mistral, Qwen2), written to read like HF's modeling_llama.py.
// Field names equal HF state-dict keys (model.layers.0.self_attn.q_proj.weight, ...), so
// checkpoints load without a renaming table. Linear layers are typed Module<Tensor, Tensor> so that
// LoRA or quantized layers can replace them later.

/// <summary>Root-mean-square layer norm, computed in float32 whatever the activation dtype (as HF does).</summary>
public sealed class LlamaRMSNorm : Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly double eps;

    public LlamaRMSNorm(long size, double eps) : base(nameof(LlamaRMSNorm))
    {
        weight = new Parameter(ones(size));
        this.eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var x32 = x.to(ScalarType.Float32);
        var normed = x32 * rsqrt(x32.pow(2).mean([-1], keepdim: true) + eps);
        return (weight * normed.to(x.dtype)).MoveToOuterDisposeScope();
    }
}

/// <summary>Rotary position embedding: inverse frequencies (with Llama-3 or linear scaling) to cos/sin tables.</summary>
public sealed class LlamaRotaryEmbedding
{
    readonly float[] inverseFrequencies;

    public LlamaRotaryEmbedding(LlamaConfig config)
    {
        // float32 arithmetic, as transformers computes it, so positions map to the same angles.
        using var scope = NewDisposeScope();
        var exponents = arange(0, config.HeadDim, 2, ScalarType.Int64).to(ScalarType.Float32) / config.HeadDim;
        var inv = 1.0f / pow(tensor((float)config.RopeTheta), exponents);
        if (config.RopeScaling is { } scaling) inv = Rescale(inv, scaling);
        inverseFrequencies = inv.data<float>().ToArray();
    }

    public IReadOnlyList<float> InverseFrequencies => inverseFrequencies;

    static Tensor Rescale(Tensor inv, RopeScaling scaling)
    {
        var factor = (float)scaling.Factor;
        if (scaling.RopeType == "linear") return inv / factor;

        // Llama 3.1: keep high frequencies, divide low ones by the factor, blend in between.
        var oldContext = (float)scaling.OriginalMaxPositionEmbeddings;
        var lowFreqWavelen = oldContext / (float)scaling.LowFreqFactor;
        var highFreqWavelen = oldContext / (float)scaling.HighFreqFactor;
        var wavelen = 2 * (float)Math.PI / inv;
        var scaled = where(wavelen > lowFreqWavelen, inv / factor, inv);
        var smooth = (oldContext / wavelen - (float)scaling.LowFreqFactor) / (float)(scaling.HighFreqFactor - scaling.LowFreqFactor);
        var smoothed = (1 - smooth) * scaled / factor + smooth * scaled;
        var isMedium = (wavelen < highFreqWavelen).logical_not() & (wavelen > lowFreqWavelen).logical_not();
        return where(isMedium, smoothed, scaled);
    }

    /// <summary>cos and sin of shape [batch, seq, head_dim] for integer positions [batch, seq].</summary>
    public (Tensor Cos, Tensor Sin) Tables(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var inv = tensor(inverseFrequencies, device: positions.device);
        var freqs = positions.to(ScalarType.Float32).unsqueeze(-1) * inv;
        var emb = cat([freqs, freqs], -1);
        return (emb.cos().to(dtype).MoveToOuterDisposeScope(), emb.sin().to(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>Rotates q or k [batch, heads, seq, head_dim] by the tables (HF's rotate_half convention).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return (x * cos.unsqueeze(1) + rotated * sin.unsqueeze(1)).MoveToOuterDisposeScope();
    }
}

/// <summary>Which keys each query may attend to, shared by all layers of one forward pass.</summary>
public sealed record AttentionMask(Tensor? Allowed, bool IsCausal)
{
    /// <summary>Plain causal attention over the input itself: lets SDPA use its fused causal path.</summary>
    public static readonly AttentionMask Causal = new(null, true);
}

public sealed class LlamaAttention : Module
{
    readonly Module<Tensor, Tensor> q_proj, k_proj, v_proj, o_proj;
    readonly int heads, kvHeads, headDim, layerIndex;

    public LlamaAttention(LlamaConfig config, int layerIndex) : base(nameof(LlamaAttention))
    {
        heads = config.NumAttentionHeads;
        kvHeads = config.NumKeyValueHeads;
        headDim = config.HeadDim;
        this.layerIndex = layerIndex;
        q_proj = Linear(config.HiddenSize, heads * headDim, hasBias: config.QkvBias);
        k_proj = Linear(config.HiddenSize, kvHeads * headDim, hasBias: config.QkvBias);
        v_proj = Linear(config.HiddenSize, kvHeads * headDim, hasBias: config.QkvBias);
        o_proj = Linear(heads * headDim, config.HiddenSize, hasBias: config.OutputProjectionBias);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, Tensor cos, Tensor sin, AttentionMask mask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], seq = x.shape[1];
        var q = q_proj.forward(x).view(batch, seq, heads, headDim).transpose(1, 2);
        var k = k_proj.forward(x).view(batch, seq, kvHeads, headDim).transpose(1, 2);
        var v = v_proj.forward(x).view(batch, seq, kvHeads, headDim).transpose(1, 2);
        q = LlamaRotaryEmbedding.Apply(q, cos, sin);
        k = LlamaRotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);

        // Grouped-query attention: each key/value head serves heads / kvHeads query heads.
        k = RepeatKv(k);
        v = RepeatKv(v);
        var attended = functional.scaled_dot_product_attention(q, k, v, mask.Allowed, 0.0, mask.IsCausal);
        var merged = attended.transpose(1, 2).reshape(batch, seq, heads * headDim);
        return o_proj.forward(merged).MoveToOuterDisposeScope();
    }

    Tensor RepeatKv(Tensor kv)
    {
        int groups = heads / kvHeads;
        if (groups == 1) return kv;
        long b = kv.shape[0], s = kv.shape[2];
        return kv.unsqueeze(2).expand(b, kvHeads, groups, s, headDim).reshape(b, heads, s, headDim);
    }
}

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) * up(x)).</summary>
public sealed class LlamaMLP : Module<Tensor, Tensor>
{
    readonly Module<Tensor, Tensor> gate_proj, up_proj, down_proj;

    public LlamaMLP(LlamaConfig config) : base(nameof(LlamaMLP))
    {
        gate_proj = Linear(config.HiddenSize, config.IntermediateSize, hasBias: config.MlpBias);
        up_proj = Linear(config.HiddenSize, config.IntermediateSize, hasBias: config.MlpBias);
        down_proj = Linear(config.IntermediateSize, config.HiddenSize, hasBias: config.MlpBias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return down_proj.forward(functional.silu(gate_proj.forward(x)) * up_proj.forward(x)).MoveToOuterDisposeScope();
    }
}

public sealed class LlamaDecoderLayer : Module
{
    readonly LlamaAttention self_attn;
    readonly LlamaMLP mlp;
    readonly LlamaRMSNorm input_layernorm, post_attention_layernorm;

    public LlamaDecoderLayer(LlamaConfig config, int layerIndex) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config, layerIndex);
        mlp = new LlamaMLP(config);
        input_layernorm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        post_attention_layernorm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, Tensor cos, Tensor sin, AttentionMask mask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var h = x + self_attn.forward(input_layernorm.forward(x), cos, sin, mask, cache);
        return (h + mlp.forward(post_attention_layernorm.forward(h))).MoveToOuterDisposeScope();
    }
}

/// <summary>The decoder stack without the language-model head (HF's LlamaModel).</summary>
public sealed class LlamaModel : Module<Tensor, Tensor>
{
    readonly Embedding embed_tokens;
    readonly ModuleList<LlamaDecoderLayer> layers;
    readonly LlamaRMSNorm norm;
    readonly LlamaRotaryEmbedding rotary;
    readonly LlamaConfig config;

    public LlamaModel(LlamaConfig config) : base(nameof(LlamaModel))
    {
        this.config = config;
        embed_tokens = Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<LlamaDecoderLayer>([.. Enumerable.Range(0, config.NumHiddenLayers).Select(i => new LlamaDecoderLayer(config, i))]);
        norm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        rotary = new LlamaRotaryEmbedding(config);
        RegisterComponents();
    }

    public Embedding EmbedTokens => embed_tokens;
    public LlamaRotaryEmbedding Rotary => rotary;

    public override Tensor forward(Tensor inputIds) => forward(inputIds, null, null, null);

    /// <summary>
    /// Final hidden states [batch, seq, hidden].
    /// <paramref name="attentionMask"/> [batch, seq]: 1 for real tokens, 0 for padding.
    /// <paramref name="positionIds"/> [batch, seq]: defaults to each row's count of real tokens so far
    /// (continuing from the cache when one is given).
    /// </summary>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask, Tensor? positionIds, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        if (inputIds.dim() != 2) throw new EngineException($"input_ids must be [batch, seq], got shape [{string.Join(", ", inputIds.shape)}]");
        if (inputIds.shape[1] == 0) throw new EngineException("input_ids is empty: there is nothing to run the model on");
        var device = inputIds.device;
        var realTokens = attentionMask?.to(ScalarType.Bool) ?? ones_like(inputIds, ScalarType.Bool);
        positionIds ??= DefaultPositions(realTokens, cache);

        var hidden = embed_tokens.forward(inputIds);
        var (cos, sin) = rotary.Tables(positionIds, hidden.dtype);
        var mask = BuildMask(realTokens, positionIds, cache, attentionMask is not null, device);
        foreach (var layer in layers) hidden = layer.forward(hidden, cos, sin, mask, cache);
        cache?.Advance((int)inputIds.shape[1]);
        return norm.forward(hidden).MoveToOuterDisposeScope();
    }

    static Tensor DefaultPositions(Tensor realTokens, KvCache? cache)
    {
        var counted = realTokens.to(ScalarType.Int64).cumsum(1) - 1;
        if (cache is not null) counted += cache.NextPositions().unsqueeze(1);
        return counted.clamp_min(0);
    }

    AttentionMask BuildMask(Tensor realTokens, Tensor positionIds, KvCache? cache, bool hasPadding, Device device)
    {
        if (cache is null && !hasPadding && config.SlidingWindow is null) return AttentionMask.Causal;

        long seq = realTokens.shape[1];
        Tensor keyValid, keyPositions;
        long queryStart = 0;
        if (cache is null)
        {
            (keyValid, keyPositions) = (realTokens, positionIds);
        }
        else
        {
            queryStart = cache.Length;
            cache.Reserve(realTokens, positionIds);
            (keyValid, keyPositions) = cache.Slots((int)seq);
        }
        long keys = keyValid.shape[1];
        var querySlots = arange(queryStart, queryStart + seq, device: device).unsqueeze(1);
        var keySlots = arange(0, keys, device: device).unsqueeze(0);
        var qPos = positionIds.unsqueeze(2);
        var kPos = keyPositions.unsqueeze(1);
        var allowed = keyValid.unsqueeze(1) & (kPos <= qPos) & (keySlots <= querySlots).unsqueeze(0);
        if (config.SlidingWindow is { } window) allowed &= (qPos - kPos) < window;
        // A query always sees itself, so a padding row never has every key masked (that gives NaN,
        // and NaN leaks through later layers even where its attention weight is zero).
        allowed |= (keySlots == querySlots).unsqueeze(0);
        return new AttentionMask(allowed.unsqueeze(1), false);
    }
}

/// <summary>Decoder plus language-model head: HF's LlamaForCausalLM (and Mistral/Qwen2 equivalents).</summary>
public sealed class LlamaForCausalLM : Module<Tensor, Tensor>
{
    readonly LlamaModel model;
    readonly Linear? lm_head;

    public LlamaConfig Config { get; }

    public LlamaForCausalLM(LlamaConfig config) : base(nameof(LlamaForCausalLM))
    {
        Config = config.Validate();
        model = new LlamaModel(config);
        // Tied embeddings: HF saves no lm_head.weight, and neither do we; logits reuse embed_tokens.
        if (!config.TieWordEmbeddings) lm_head = Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
    }

    public LlamaModel Model => model;

    public override Tensor forward(Tensor inputIds) => forward(inputIds, null);

    /// <summary>Logits [batch, seq, vocab] in the model's dtype.</summary>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask, Tensor? positionIds = null, KvCache? cache = null)
    {
        using var scope = NewDisposeScope();
        var hidden = model.forward(inputIds, attentionMask, positionIds, cache);
        return Logits(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>Projects hidden states to the vocabulary (lets callers project only the positions they need).</summary>
    public Tensor Logits(Tensor hidden) =>
        lm_head is null ? functional.linear(hidden, model.EmbedTokens.weight!) : lm_head.forward(hidden);

    public ScalarType DType => model.EmbedTokens.weight!.dtype;
    public Device Device => model.EmbedTokens.weight!.device;

    /// <summary>
    /// HF's initialisation for a model trained from scratch: normal(0, 0.02) for linear and embedding
    /// weights, zero biases, unit norms. Seeded, so the same seed gives the same model.
    /// </summary>
    public LlamaForCausalLM InitializeWeights(long seed, double std = 0.02)
    {
        using var _ = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith("norm.weight", StringComparison.Ordinal)) p.fill_(1.0);
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) p.zero_();
            else p.copy_(normal(0.0, std, p.shape, p.dtype, p.device, generator: generator));
        }
        return this;
    }
}
