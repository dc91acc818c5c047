using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Tailor.Engine.Models;

// DistilBERT (Sanh et al., 2019), written to read like HF's modeling_distilbert.py: a post-LayerNorm BERT
// encoder with learned positions and no token types, plus the two heads we use, masked-LM (pretraining)
// and sequence classification. Field names equal HF state-dict keys
// (distilbert.transformer.layer.0.attention.q_lin.weight, pre_classifier.weight, vocab_projector.bias, ...),
// so checkpoints load without a renaming table.

/// <summary>Token plus learned position embeddings, then LayerNorm and dropout.</summary>
public sealed class DistilBertEmbeddings : Module<Tensor, Tensor>
{
    readonly Embedding word_embeddings, position_embeddings;
    readonly LayerNorm LayerNorm;
    readonly Dropout dropout;

    public DistilBertEmbeddings(DistilBertConfig config) : base(nameof(DistilBertEmbeddings))
    {
        word_embeddings = Embedding(config.VocabSize, config.Dim, padding_idx: config.PadTokenId);
        position_embeddings = Embedding(config.MaxPositionEmbeddings, config.Dim);
        LayerNorm = nn.LayerNorm(config.Dim, DistilBertConfig.LayerNormEps);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    public Embedding WordEmbeddings => word_embeddings;

    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var positions = arange(inputIds.shape[1], device: inputIds.device).unsqueeze(0);
        var embedded = word_embeddings.forward(inputIds) + position_embeddings.forward(positions);
        return dropout.forward(LayerNorm.forward(embedded)).MoveToOuterDisposeScope();
    }
}

/// <summary>Multi-head self-attention over the unpadded keys; every token sees every other (no causal mask).</summary>
public sealed class DistilBertSelfAttention : Module
{
    readonly Linear q_lin, k_lin, v_lin, out_lin;
    readonly int heads, headDim;
    readonly double attentionDropout;

    public DistilBertSelfAttention(DistilBertConfig config) : base(nameof(DistilBertSelfAttention))
    {
        heads = config.NHeads;
        headDim = config.HeadDim;
        attentionDropout = config.AttentionDropout;
        q_lin = Linear(config.Dim, config.Dim);
        k_lin = Linear(config.Dim, config.Dim);
        v_lin = Linear(config.Dim, config.Dim);
        out_lin = Linear(config.Dim, config.Dim);
        RegisterComponents();
    }

    /// <param name="x">[batch, seq, dim].</param>
    /// <param name="keyMask">[batch, 1, 1, seq] booleans, true on real tokens (null: no padding).</param>
    public Tensor forward(Tensor x, Tensor? keyMask)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], seq = x.shape[1];
        Tensor Heads(Linear projection) => projection.forward(x).view(batch, seq, heads, headDim).transpose(1, 2);
        // SDPA scales by 1/sqrt(head_dim) and drops attention weights, as HF's eager path does.
        var attended = functional.scaled_dot_product_attention(Heads(q_lin), Heads(k_lin), Heads(v_lin), keyMask,
            training ? attentionDropout : 0.0, false);
        return out_lin.forward(attended.transpose(1, 2).reshape(batch, seq, heads * headDim)).MoveToOuterDisposeScope();
    }
}

/// <summary>The position-wise feed-forward layer: lin1, GELU, lin2, dropout.</summary>
public sealed class DistilBertFFN : Module<Tensor, Tensor>
{
    readonly Linear lin1, lin2;
    readonly Dropout dropout;
    readonly bool gelu;

    public DistilBertFFN(DistilBertConfig config) : base(nameof(DistilBertFFN))
    {
        lin1 = Linear(config.Dim, config.HiddenDim);
        lin2 = Linear(config.HiddenDim, config.Dim);
        dropout = nn.Dropout(config.Dropout);
        gelu = config.Activation == "gelu";
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var hidden = lin1.forward(x);
        hidden = gelu ? functional.gelu(hidden) : functional.relu(hidden);
        return dropout.forward(lin2.forward(hidden)).MoveToOuterDisposeScope();
    }
}

/// <summary>One block, post-LayerNorm as in BERT: x = LN(x + attn(x)); x = LN(x + ffn(x)).</summary>
public sealed class DistilBertBlock : Module
{
    readonly DistilBertSelfAttention attention;
    readonly LayerNorm sa_layer_norm, output_layer_norm;
    readonly DistilBertFFN ffn;

    public DistilBertBlock(DistilBertConfig config) : base(nameof(DistilBertBlock))
    {
        attention = new DistilBertSelfAttention(config);
        sa_layer_norm = LayerNorm(config.Dim, DistilBertConfig.LayerNormEps);
        ffn = new DistilBertFFN(config);
        output_layer_norm = LayerNorm(config.Dim, DistilBertConfig.LayerNormEps);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, Tensor? keyMask)
    {
        using var scope = NewDisposeScope();
        var attended = sa_layer_norm.forward(attention.forward(x, keyMask) + x);
        return output_layer_norm.forward(ffn.forward(attended) + attended).MoveToOuterDisposeScope();
    }
}

/// <summary>The encoder: embeddings and <c>n_layers</c> blocks, giving one hidden state per token.</summary>
public sealed class DistilBertModel : Module
{
    readonly DistilBertEmbeddings embeddings;
    readonly DistilBertTransformer transformer;

    public DistilBertModel(DistilBertConfig config) : base(nameof(DistilBertModel))
    {
        Config = config.Validate();
        embeddings = new DistilBertEmbeddings(config);
        transformer = new DistilBertTransformer(config);
        RegisterComponents();
    }

    public DistilBertConfig Config { get; }
    public DistilBertEmbeddings Embeddings => embeddings;

    /// <summary>Hidden states [batch, seq, dim] for token ids [batch, seq]; the mask (1 real, 0 padding) may be null.</summary>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask)
    {
        using var scope = NewDisposeScope();
        if (inputIds.dim() != 2) throw new EngineException($"input_ids must be [batch, seq], got shape [{string.Join(", ", inputIds.shape)}]");
        if (inputIds.shape[1] == 0) throw new EngineException("input_ids is empty: there is nothing to run the model on");
        if (inputIds.shape[1] > Config.MaxPositionEmbeddings)
            throw new EngineException($"input_ids has {inputIds.shape[1]} tokens; the model has {Config.MaxPositionEmbeddings} positions (truncate first)");
        var keyMask = attentionMask?.to(ScalarType.Bool).unsqueeze(1).unsqueeze(1);
        return transformer.forward(embeddings.forward(inputIds), keyMask).MoveToOuterDisposeScope();
    }
}

/// <summary>The stack of blocks (HF's <c>Transformer</c>, whose list is called <c>layer</c>).</summary>
public sealed class DistilBertTransformer : Module
{
    readonly ModuleList<DistilBertBlock> layer;

    public DistilBertTransformer(DistilBertConfig config) : base(nameof(DistilBertTransformer))
    {
        layer = new ModuleList<DistilBertBlock>([.. Enumerable.Range(0, config.NLayers).Select(_ => new DistilBertBlock(config))]);
        RegisterComponents();
    }

    public Tensor forward(Tensor hidden, Tensor? keyMask)
    {
        using var scope = NewDisposeScope();
        foreach (var block in layer) hidden = block.forward(hidden, keyMask);
        return hidden.MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Classifies a sequence from the hidden state of its first token ([CLS]): pre_classifier, ReLU, dropout,
/// classifier. Returns logits [batch, labels].
/// </summary>
public sealed class DistilBertForSequenceClassification : Module
{
    readonly DistilBertModel distilbert;
    readonly Linear pre_classifier, classifier;
    readonly Dropout dropout;

    public DistilBertForSequenceClassification(DistilBertConfig config) : base(nameof(DistilBertForSequenceClassification))
    {
        distilbert = new DistilBertModel(config);
        pre_classifier = Linear(config.Dim, config.Dim);
        classifier = Linear(config.Dim, config.Labels.Count);
        dropout = nn.Dropout(config.SeqClassifDropout);
        RegisterComponents();
        DistilBertInit.Apply(this, config);
    }

    public DistilBertConfig Config => distilbert.Config;
    public DistilBertModel Encoder => distilbert;

    public Tensor forward(Tensor inputIds, Tensor? attentionMask)
    {
        using var scope = NewDisposeScope();
        var first = distilbert.forward(inputIds, attentionMask).select(1, 0);
        var pooled = dropout.forward(functional.relu(pre_classifier.forward(first)));
        return classifier.forward(pooled).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// The masked-LM head: vocab_transform, GELU, vocab_layer_norm, vocab_projector. The projector's weight is
/// the word-embedding matrix (tied, as in HF; only its bias is a parameter of its own).
/// </summary>
public sealed class DistilBertForMaskedLM : Module
{
    readonly DistilBertModel distilbert;
    readonly Linear vocab_transform;
    readonly LayerNorm vocab_layer_norm;
    readonly DistilBertTiedProjector vocab_projector;

    public DistilBertForMaskedLM(DistilBertConfig config) : base(nameof(DistilBertForMaskedLM))
    {
        distilbert = new DistilBertModel(config);
        vocab_transform = Linear(config.Dim, config.Dim);
        vocab_layer_norm = LayerNorm(config.Dim, DistilBertConfig.LayerNormEps);
        vocab_projector = new DistilBertTiedProjector(config.VocabSize);
        RegisterComponents();
        DistilBertInit.Apply(this, config);
    }

    /// <summary>HF's key for the projector bias (the tied weight is not saved).</summary>
    public const string ProjectorBiasKey = "vocab_projector.bias";

    public DistilBertConfig Config => distilbert.Config;
    public DistilBertModel Encoder => distilbert;

    /// <summary>
    /// Vocabulary logits [n, vocab] at the positions where <paramref name="selected"/> ([batch, seq] booleans) is
    /// true, in row-major order, or at every position when it is null ([batch, seq, vocab]). Scoring only the
    /// masked positions saves most of the head's cost: 15% of the tokens carry the loss.
    /// </summary>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask, Tensor? selected = null)
    {
        using var scope = NewDisposeScope();
        var hidden = distilbert.forward(inputIds, attentionMask);
        if (selected is not null) hidden = hidden[selected];
        var transformed = vocab_layer_norm.forward(functional.gelu(vocab_transform.forward(hidden)));
        return functional.linear(transformed, distilbert.Embeddings.WordEmbeddings.weight!, vocab_projector.Bias).MoveToOuterDisposeScope();
    }
}

/// <summary>The masked-LM projector's own parameter, its bias (its weight is the tied word-embedding matrix).</summary>
public sealed class DistilBertTiedProjector : Module
{
    readonly Parameter bias;

    public DistilBertTiedProjector(int vocabSize) : base(nameof(DistilBertTiedProjector))
    {
        bias = new Parameter(zeros(vocabSize));
        RegisterComponents();
    }

    public Parameter Bias => bias;
}

/// <summary>HF's <c>_init_weights</c> for a model trained from scratch: N(0, initializer_range) weights, zero biases, unit LayerNorms.</summary>
static class DistilBertInit
{
    public static void Apply(Module model, DistilBertConfig config)
    {
        using var _ = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Linear linear:
                    init.normal_(linear.weight!, 0, config.InitializerRange);
                    if (linear.bias is { } bias) init.zeros_(bias);
                    break;
                case Embedding embedding:
                    init.normal_(embedding.weight!, 0, config.InitializerRange);
                    break;
                case LayerNorm norm:
                    init.ones_(norm.weight!);
                    init.zeros_(norm.bias!);
                    break;
            }
        }
        // The padding row stays zero, as nn.Embedding(padding_idx) leaves it.
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith("word_embeddings.weight", StringComparison.Ordinal)) parameter[config.PadTokenId].zero_();
        }
    }
}
