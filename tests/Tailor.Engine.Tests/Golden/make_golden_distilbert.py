#!/usr/bin/env python3
"""Writes a tiny random DistilBERT (classifier and masked-LM) and the logits an independent PyTorch reference gives.

The reference below is written from Hugging Face's modeling_distilbert.py semantics in plain PyTorch, independently
of Tailor's C# code: word + learned position embeddings, LayerNorm (eps 1e-12, fixed in HF), post-LN blocks
(x = LN(x + attn(x)); x = LN(x + ffn(x))), scores scaled by 1/sqrt(head_dim) with padded keys filled with the
dtype's minimum, erf GELU in the FFN, the classifier on the first token (pre_classifier, ReLU, classifier) and the
masked-LM head (vocab_transform, GELU, vocab_layer_norm, vocab_projector tied to the word embeddings, plus its own
bias). Run with Debian's python3-torch:  /usr/bin/python3 make_golden_distilbert.py  (writes next to this file).

Both folders share one encoder (same tensors under distilbert.*), so a classifier built from the masked-LM folder's
encoder has exactly the classifier folder's encoder. Where HF transformers is available the same logits come from
DistilBertForSequenceClassification / DistilBertForMaskedLM.from_pretrained on these folders.
"""
import json, math, os
import torch
from make_golden import save_safetensors

HERE = os.path.dirname(os.path.abspath(__file__))
EPS = 1e-12

CONFIG = dict(model_type="distilbert", vocab_size=96, dim=32, hidden_dim=64, n_layers=2, n_heads=4,
              max_position_embeddings=64, dropout=0.1, attention_dropout=0.1, seq_classif_dropout=0.2,
              qa_dropout=0.1, activation="gelu", sinusoidal_pos_embds=False, tie_weights_=True, pad_token_id=0,
              initializer_range=0.02, torch_dtype="float32")
LABELS = ["negative", "neutral", "positive"]

# Row 0 fills the window; row 1 is shorter and padded with [PAD] = 0 behind attention_mask = 0.
INPUT_IDS = [[2, 17, 42, 5, 88, 23, 64, 9, 31, 3],
             [2, 50, 11, 77, 3, 0, 0, 0, 0, 0]]
ATTENTION_MASK = [[1] * 10,
                  [1] * 5 + [0] * 5]


def layer_norm(x, sd, name):
    return torch.nn.functional.layer_norm(x, x.shape[-1:], sd[name + ".weight"], sd[name + ".bias"], EPS)


def linear(x, sd, name):
    return x @ sd[name + ".weight"].T + sd[name + ".bias"]


def gelu(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def encoder(cfg, sd, ids, mask):
    B, T = ids.shape
    H, D = cfg["n_heads"], cfg["dim"] // cfg["n_heads"]
    e = "distilbert.embeddings."
    x = sd[e + "word_embeddings.weight"][ids] + sd[e + "position_embeddings.weight"][torch.arange(T)][None]
    x = layer_norm(x, sd, e + "LayerNorm")
    padded = (mask == 0)[:, None, None, :]  # [B, 1, 1, T]: keys nobody may attend to
    for l in range(cfg["n_layers"]):
        p = f"distilbert.transformer.layer.{l}."
        def heads(name):
            return linear(x, sd, p + "attention." + name).view(B, T, H, D).transpose(1, 2)
        q = heads("q_lin") / math.sqrt(D)
        scores = q @ heads("k_lin").transpose(-1, -2)
        scores = scores.masked_fill(padded, torch.finfo(scores.dtype).min)
        context = (scores.softmax(-1) @ heads("v_lin")).transpose(1, 2).reshape(B, T, H * D)
        x = layer_norm(linear(context, sd, p + "attention.out_lin") + x, sd, p + "sa_layer_norm")
        ffn = linear(gelu(linear(x, sd, p + "ffn.lin1")), sd, p + "ffn.lin2")
        x = layer_norm(ffn + x, sd, p + "output_layer_norm")
    return x


def classifier_logits(cfg, sd, ids, mask):
    first = encoder(cfg, sd, ids, mask)[:, 0]
    return linear(torch.relu(linear(first, sd, "pre_classifier")), sd, "classifier")


def masked_lm_logits(cfg, sd, ids, mask):
    h = gelu(linear(encoder(cfg, sd, ids, mask), sd, "vocab_transform"))
    h = layer_norm(h, sd, "vocab_layer_norm")
    return h @ sd["distilbert.embeddings.word_embeddings.weight"].T + sd["vocab_projector.bias"]


def random_encoder(cfg, g):
    V, Dm, Hd, P = cfg["vocab_size"], cfg["dim"], cfg["hidden_dim"], cfg["max_position_embeddings"]
    def rnd(*shape):
        return torch.randn(*shape, generator=g) * 0.2
    words = rnd(V, Dm)
    words[cfg["pad_token_id"]] = 0  # as nn.Embedding(padding_idx) leaves it
    e = "distilbert.embeddings."
    sd = {e + "word_embeddings.weight": words, e + "position_embeddings.weight": rnd(P, Dm),
          e + "LayerNorm.weight": 1 + rnd(Dm), e + "LayerNorm.bias": rnd(Dm)}
    for l in range(cfg["n_layers"]):
        p = f"distilbert.transformer.layer.{l}."
        for name in ("q_lin", "k_lin", "v_lin", "out_lin"):
            sd[p + "attention." + name + ".weight"] = rnd(Dm, Dm)
            sd[p + "attention." + name + ".bias"] = rnd(Dm)
        sd[p + "ffn.lin1.weight"], sd[p + "ffn.lin1.bias"] = rnd(Hd, Dm), rnd(Hd)
        sd[p + "ffn.lin2.weight"], sd[p + "ffn.lin2.bias"] = rnd(Dm, Hd), rnd(Dm)
        for norm in ("sa_layer_norm", "output_layer_norm"):
            sd[p + norm + ".weight"], sd[p + norm + ".bias"] = 1 + rnd(Dm), rnd(Dm)
    return sd, rnd


def write(name, cfg, sd, logits):
    out = os.path.join(HERE, "tiny-distilbert", name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    save_safetensors(sd, os.path.join(out, "model.safetensors"))
    rounded = logits.flatten(0, -2).tolist()
    expected = {"input_ids": INPUT_IDS, "attention_mask": ATTENTION_MASK, "shape": list(logits.shape),
                "logits": [[round(v, 6) for v in row] for row in rounded]}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)
    print(name, "params", sum(t.numel() for t in sd.values()), "logit range", float(logits.min()), float(logits.max()))


if __name__ == "__main__":
    g = torch.Generator().manual_seed(2024)
    shared, rnd = random_encoder(CONFIG, g)
    ids, mask = torch.tensor(INPUT_IDS), torch.tensor(ATTENTION_MASK)

    cls = dict(shared)
    cls["pre_classifier.weight"], cls["pre_classifier.bias"] = rnd(CONFIG["dim"], CONFIG["dim"]), rnd(CONFIG["dim"])
    cls["classifier.weight"], cls["classifier.bias"] = rnd(len(LABELS), CONFIG["dim"]), rnd(len(LABELS))
    cls_cfg = dict(CONFIG, architectures=["DistilBertForSequenceClassification"],
                   id2label={str(i): l for i, l in enumerate(LABELS)}, label2id={l: i for i, l in enumerate(LABELS)})

    mlm = dict(shared)
    mlm["vocab_transform.weight"], mlm["vocab_transform.bias"] = rnd(CONFIG["dim"], CONFIG["dim"]), rnd(CONFIG["dim"])
    mlm["vocab_layer_norm.weight"], mlm["vocab_layer_norm.bias"] = 1 + rnd(CONFIG["dim"]), rnd(CONFIG["dim"])
    mlm["vocab_projector.bias"] = rnd(CONFIG["vocab_size"])
    mlm_cfg = dict(CONFIG, architectures=["DistilBertForMaskedLM"])

    with torch.no_grad():
        write("classifier", cls_cfg, cls, classifier_logits(cls_cfg, cls, ids, mask))
        write("masked-lm", mlm_cfg, mlm, masked_lm_logits(mlm_cfg, mlm, ids, mask))
