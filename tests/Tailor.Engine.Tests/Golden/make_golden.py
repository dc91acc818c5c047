#!/usr/bin/env python3
"""Writes tiny random Llama-family checkpoints and the logits an independent PyTorch reference gives.

The reference below is written from Hugging Face's modeling_llama.py / modeling_qwen2.py /
modeling_mistral.py semantics in plain PyTorch (rotate_half RoPE, llama3 rope scaling, GQA by
repeat_kv, float32 RMSNorm, SwiGLU), independently of Tailor's C# code. Run with Debian's
python3-torch:  /usr/bin/python3 make_golden.py  (writes next to this file).

Where a GPU machine with HF transformers is available, the same folders can be regenerated from
transformers itself; the test only needs config.json, model.safetensors and expected.json.
"""
import json, math, os, struct
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def save_safetensors(tensors, path):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        data = t.numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def inv_freq(cfg):
    dim = cfg["head_dim"]
    inv = 1.0 / (cfg["rope_theta"] ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    rs = cfg.get("rope_scaling")
    if rs is None:
        return inv
    if rs["rope_type"] == "linear":
        return inv / rs["factor"]
    factor, low, high, old = rs["factor"], rs["low_freq_factor"], rs["high_freq_factor"], rs["original_max_position_embeddings"]
    low_wl, high_wl = old / low, old / high
    wavelen = 2 * math.pi / inv
    out = torch.where(wavelen > low_wl, inv / factor, inv)
    smooth = (old / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * out / factor + smooth * out
    medium = ~(wavelen < high_wl) * ~(wavelen > low_wl)
    return torch.where(medium, smoothed, out)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def rms_norm(x, w, eps):
    x32 = x.float()
    return w * (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps)).to(x.dtype)


def forward(cfg, sd, ids):
    T = ids.shape[0]
    H, KV, D = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
    x = sd["model.embed_tokens.weight"][ids]
    pos = torch.arange(T).float()
    freqs = pos[:, None] * inv_freq(cfg)[None, :]
    emb = torch.cat((freqs, freqs), -1)
    cos, sin = emb.cos(), emb.sin()
    window = cfg.get("sliding_window")
    i = torch.arange(T)
    allowed = i[None, :] <= i[:, None]
    if window:
        allowed &= (i[:, None] - i[None, :]) < window
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}."
        def lin(name, h):
            y = h @ sd[p + name + ".weight"].T
            b = sd.get(p + name + ".bias")
            return y if b is None else y + b
        h = rms_norm(x, sd[p + "input_layernorm.weight"], cfg["rms_norm_eps"])
        q = lin("self_attn.q_proj", h).view(T, H, D).transpose(0, 1)
        k = lin("self_attn.k_proj", h).view(T, KV, D).transpose(0, 1)
        v = lin("self_attn.v_proj", h).view(T, KV, D).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(H // KV, dim=0)
        v = v.repeat_interleave(H // KV, dim=0)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(D)
        scores = scores.masked_fill(~allowed, float("-inf"))
        att = scores.softmax(-1) @ v
        x = x + lin("self_attn.o_proj", att.transpose(0, 1).reshape(T, H * D))
        h = rms_norm(x, sd[p + "post_attention_layernorm.weight"], cfg["rms_norm_eps"])
        x = x + lin("mlp.down_proj", torch.nn.functional.silu(lin("mlp.gate_proj", h)) * lin("mlp.up_proj", h))
    x = rms_norm(x, sd["model.norm.weight"], cfg["rms_norm_eps"])
    head = sd["model.embed_tokens.weight"] if cfg["tie_word_embeddings"] else sd["lm_head.weight"]
    return x @ head.T


def random_state(cfg, seed):
    g = torch.Generator().manual_seed(seed)
    Hd, I, V = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"]
    H, KV, D = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
    qkv_bias = cfg["architectures"][0] == "Qwen2ForCausalLM" or cfg.get("attention_bias", False)
    o_bias = cfg["architectures"][0] == "LlamaForCausalLM" and cfg.get("attention_bias", False)
    def rnd(*shape):
        return torch.randn(*shape, generator=g) * 0.2
    sd = {"model.embed_tokens.weight": rnd(V, Hd), "model.norm.weight": 1 + rnd(Hd)}
    if not cfg["tie_word_embeddings"]:
        sd["lm_head.weight"] = rnd(V, Hd)
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}."
        sd[p + "input_layernorm.weight"] = 1 + rnd(Hd)
        sd[p + "post_attention_layernorm.weight"] = 1 + rnd(Hd)
        for name, (o, i) in {"q_proj": (H * D, Hd), "k_proj": (KV * D, Hd), "v_proj": (KV * D, Hd), "o_proj": (Hd, H * D)}.items():
            sd[p + "self_attn." + name + ".weight"] = rnd(o, i)
            if (name != "o_proj" and qkv_bias) or (name == "o_proj" and o_bias):
                sd[p + "self_attn." + name + ".bias"] = rnd(o)
        sd[p + "mlp.gate_proj.weight"] = rnd(I, Hd)
        sd[p + "mlp.up_proj.weight"] = rnd(I, Hd)
        sd[p + "mlp.down_proj.weight"] = rnd(Hd, I)
    return sd


BASE = dict(vocab_size=96, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, head_dim=8, max_position_embeddings=256, rms_norm_eps=1e-5, rope_theta=500000.0,
            hidden_act="silu", torch_dtype="float32", bos_token_id=1, eos_token_id=2)

CASES = {
    "tiny-llama3": dict(BASE, architectures=["LlamaForCausalLM"], model_type="llama", tie_word_embeddings=False,
                        attention_bias=False, mlp_bias=False,
                        rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                                          original_max_position_embeddings=16)),
    "tiny-qwen2": dict(BASE, architectures=["Qwen2ForCausalLM"], model_type="qwen2", tie_word_embeddings=True,
                       rope_theta=1000000.0, use_sliding_window=False, sliding_window=None),
    "tiny-mistral": dict(BASE, architectures=["MistralForCausalLM"], model_type="mistral", tie_word_embeddings=False,
                         num_key_value_heads=1, sliding_window=5, rope_theta=10000.0),
}

IDS = [1, 17, 42, 5, 88, 23, 64, 9, 31, 77, 3, 50]

if __name__ == "__main__":
    torch.manual_seed(0)
    for seed, (name, cfg) in enumerate(CASES.items()):
        out = os.path.join(HERE, name)
        os.makedirs(out, exist_ok=True)
        sd = random_state(cfg, 1000 + seed)
        with open(os.path.join(out, "config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
        save_safetensors(sd, os.path.join(out, "model.safetensors"))
        with torch.no_grad():
            logits = forward(cfg, sd, torch.tensor(IDS))
            seq = list(IDS[:4])
            for _ in range(10):
                seq.append(int(forward(cfg, sd, torch.tensor(seq))[-1].argmax()))
        expected = {"input_ids": IDS, "logits": [[round(float(v), 6) for v in row] for row in logits],
                    "greedy_prompt": IDS[:4], "greedy_tokens": seq[4:]}
        with open(os.path.join(out, "expected.json"), "w") as f:
            json.dump(expected, f)
        print(name, "params", sum(t.numel() for t in sd.values()), "logit range", float(logits.min()), float(logits.max()))
