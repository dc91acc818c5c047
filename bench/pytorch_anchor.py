#!/usr/bin/python3
"""PyTorch eager anchor for bench/Tailor.Bench: the same models, measurements and table.

A plain Llama block written directly in torch (RMSNorm in float32, RoPE with HF's rotate_half,
grouped-query attention written by hand, SwiGLU) with a pre-allocated KV cache, random weights.
It targets Debian's python3-torch 1.13 (no F.scaled_dot_product_attention), but runs on newer
torch too.

    /usr/bin/python3 bench/pytorch_anchor.py [--quick] [--configs 8m,20m,120m] [--dtypes fp32,bf16]
                                             [--batches 1,16] [--out FILE]

Keep CONFIGS, the timed regions and the report layout in step with bench/Tailor.Bench.
"""

import argparse
import gc
import math
import os
import platform
import statistics
import sys
import time


def _threads_from_argv(default=2):
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return str(default)


# Debian's torch sends float32 GEMMs to OpenBLAS (pthreads), whose own thread pool ignores
# torch.set_num_threads: size it before the library loads, so both pools use --threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", _threads_from_argv())

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

SEED = 1234
COPY_BYTES = 256 * 1024 * 1024

# Same shapes as bench/Tailor.Bench/BenchConfigs.cs.
CONFIGS = {
    "8m": dict(vocab=4096, hidden=256, intermediate=768, layers=6, heads=4, kv_heads=2, head_dim=64),
    "20m": dict(vocab=8192, hidden=384, intermediate=1024, layers=8, heads=6, kv_heads=2, head_dim=64),
    "120m": dict(vocab=32000, hidden=768, intermediate=2048, layers=12, heads=12, kv_heads=4, head_dim=64),
}
RMS_EPS = 1e-5
ROPE_THETA = 10000.0
DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}
BYTES_PER_ELEMENT = {"fp32": 4, "bf16": 2}


def parameter_count(c):
    """LlamaConfig.ParameterCount() for an untied model without biases."""
    embed = c["vocab"] * c["hidden"]
    q = c["hidden"] * c["heads"] * c["head_dim"]
    kv = 2 * c["hidden"] * c["kv_heads"] * c["head_dim"]
    o = c["heads"] * c["head_dim"] * c["hidden"]
    mlp = 3 * c["hidden"] * c["intermediate"]
    layer = q + kv + o + mlp + 2 * c["hidden"]
    return embed + c["layers"] * layer + c["hidden"] + embed


class RMSNorm(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))

    def forward(self, x):
        x32 = x.float()
        normed = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + RMS_EPS)
        return self.weight * normed.to(x.dtype)


def rotate(x, cos, sin):
    half = x.shape[-1] // 2
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos.unsqueeze(1) + rotated * sin.unsqueeze(1)


class KvCache:
    """Pre-allocated keys/values [batch, kv_heads, capacity, head_dim] per layer; every row has the same length."""

    def __init__(self, c, batch, capacity, dtype):
        shape = (batch, c["kv_heads"], capacity, c["head_dim"])
        self.keys = [torch.zeros(shape, dtype=dtype) for _ in range(c["layers"])]
        self.values = [torch.zeros(shape, dtype=dtype) for _ in range(c["layers"])]
        self.length = 0

    def append(self, layer, k, v):
        end = self.length + k.shape[2]
        self.keys[layer][:, :, self.length:end] = k
        self.values[layer][:, :, self.length:end] = v
        return self.keys[layer][:, :, :end], self.values[layer][:, :, :end]


class Attention(nn.Module):
    def __init__(self, c, layer):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim, self.layer = c["heads"], c["kv_heads"], c["head_dim"], layer
        self.q_proj = nn.Linear(c["hidden"], self.heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(c["hidden"], self.kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(c["hidden"], self.kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(self.heads * self.head_dim, c["hidden"], bias=False)

    def repeat_kv(self, kv):
        groups = self.heads // self.kv_heads
        if groups == 1:
            return kv
        b, _, s, d = kv.shape
        return kv.unsqueeze(2).expand(b, self.kv_heads, groups, s, d).reshape(b, self.heads, s, d)

    def forward(self, x, cos, sin, mask, cache):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k, v = cache.append(self.layer, k, v)
        k, v = self.repeat_kv(k), self.repeat_kv(v)
        # Attention by hand (torch 1.13 has no scaled_dot_product_attention); softmax in float32 as HF's eager path.
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        probs = F.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, self.heads * self.head_dim)
        return self.o_proj(out)


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gate_proj = nn.Linear(c["hidden"], c["intermediate"], bias=False)
        self.up_proj = nn.Linear(c["hidden"], c["intermediate"], bias=False)
        self.down_proj = nn.Linear(c["intermediate"], c["hidden"], bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, c, layer):
        super().__init__()
        self.self_attn = Attention(c, layer)
        self.mlp = MLP(c)
        self.input_layernorm = RMSNorm(c["hidden"])
        self.post_attention_layernorm = RMSNorm(c["hidden"])

    def forward(self, x, cos, sin, mask, cache):
        h = x + self.self_attn(self.input_layernorm(x), cos, sin, mask, cache)
        return h + self.mlp(self.post_attention_layernorm(h))


class Llama(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c["vocab"], c["hidden"])
        self.layers = nn.ModuleList([DecoderLayer(c, i) for i in range(c["layers"])])
        self.norm = RMSNorm(c["hidden"])
        self.lm_head = nn.Linear(c["hidden"], c["vocab"], bias=False)
        exponents = torch.arange(0, c["head_dim"], 2, dtype=torch.int64).float() / c["head_dim"]
        self.inv_freq = 1.0 / (ROPE_THETA ** exponents)

    @torch.no_grad()
    def init_weights(self, seed, std=0.02):
        g = torch.Generator().manual_seed(seed)
        for name, p in self.named_parameters():
            if name.endswith("norm.weight"):
                p.fill_(1.0)
            else:
                p.copy_(torch.normal(0.0, std, p.shape, generator=g))
        return self

    def hidden(self, ids, cache):
        """Final hidden states [batch, seq, hidden]; continues the positions of the cache."""
        b, t = ids.shape
        start = cache.length
        positions = torch.arange(start, start + t).unsqueeze(0).expand(b, t)
        x = self.embed_tokens(ids)
        freqs = positions.float().unsqueeze(-1) * self.inv_freq
        emb = torch.cat([freqs, freqs], dim=-1)
        cos, sin = emb.cos().to(x.dtype), emb.sin().to(x.dtype)
        # Causal over cache slots: query slot start+i sees key slots 0..start+i. A single new token sees everything.
        mask = None
        if t > 1:
            mask = torch.arange(start + t).unsqueeze(0) <= torch.arange(start, start + t).unsqueeze(1)
        for layer in self.layers:
            x = layer(x, cos, sin, mask, cache)
        cache.length += t
        return self.norm(x)

    def next_token(self, hidden):
        return self.lm_head(hidden[:, -1:]).argmax(-1)


# ---- measurements (timed regions match bench/Tailor.Bench/EngineCases.cs) ----

def prefill(model, prompt, dtype):
    with torch.no_grad():
        b, t = prompt.shape
        cache = KvCache(model.c, b, t, dtype)
        start = time.perf_counter()
        model.next_token(model.hidden(prompt, cache))
        return time.perf_counter() - start


def decode(model, prompt, steps, dtype):
    with torch.no_grad():
        b, t = prompt.shape
        cache = KvCache(model.c, b, t + steps, dtype)
        nxt = model.next_token(model.hidden(prompt, cache))
        start = time.perf_counter()
        for _ in range(steps):
            nxt = model.next_token(model.hidden(nxt, cache))
        return time.perf_counter() - start


class Timing:
    def __init__(self, seconds, work):
        self.seconds, self.work = seconds, work

    @property
    def median_rate(self):
        return self.work / statistics.median(self.seconds)

    @property
    def min_rate(self):
        return self.work / max(self.seconds)

    @property
    def max_rate(self):
        return self.work / min(self.seconds)


def run(warmup, reps, work, repetition, verbose):
    for _ in range(warmup):
        repetition()
    seconds = []
    for _ in range(reps):
        gc.collect()
        seconds.append(repetition())
    if verbose:
        print("  reps (ms): " + " ".join(f"{s * 1e3:.1f}" for s in seconds), file=sys.stderr)
    return Timing(seconds, work)


def copy_bandwidth(warmup, reps, verbose):
    n = COPY_BYTES // 4
    src, dst = torch.ones(n, dtype=torch.float32), torch.zeros(n, dtype=torch.float32)

    def once():
        start = time.perf_counter()
        dst.copy_(src)
        return time.perf_counter() - start

    return run(warmup, reps, COPY_BYTES, once, verbose)


def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def blas_note():
    """Which BLAS serves float32 GEMMs here, from the libraries this process has mapped."""
    try:
        with open("/proc/self/maps") as f:
            maps = f.read()
    except OSError:
        return "BLAS unknown"
    if "libopenblas" in maps:
        return f"float32 GEMM: OpenBLAS (OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')})"
    if "libmkl" in maps:
        return "float32 GEMM: MKL"
    return "float32 GEMM: bundled BLAS"


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def report(args, threads, copy, rows, wall):
    rw = 2 * copy.median_rate / 1e9
    out = []
    line = out.append
    line(f"# Engine benchmark: PyTorch {torch.__version__} eager, Python {platform.python_version()}")
    line("")
    line(f"- CPU: {cpu_name()}, {os.cpu_count()} logical CPUs; torch intra-op threads: {threads}; {blas_note()}")
    line(f"- Method: {args.warmup} warm-up + {args.reps} timed repetitions per case; tok/s of the median repetition, "
         f"range = slowest–fastest repetition{' (--quick smoke run)' if args.quick else ''}")
    line(f"- Prefill: batch × {args.prompt_tokens}-token prompt, one forward into an empty KV cache, last-position logits + argmax; "
         f"tok/s = batch × {args.prompt_tokens} / time")
    line(f"- Decode: {args.decode_prefill_tokens}-token prefill (untimed), then {args.decode_steps} greedy single-token steps "
         f"with the KV cache; tok/s = batch × {args.decode_steps} / time")
    line(f"- Copy bandwidth (256 MiB float32 `copy_`, median of {len(copy.seconds)}): {rw:.1f} GB/s counting read + write "
         f"(range {2 * copy.min_rate / 1e9:.1f}–{2 * copy.max_rate / 1e9:.1f}), {copy.median_rate / 1e9:.1f} GB/s counting the bytes copied once")
    line(f"- Weights are random (seed {SEED}); GB, MB = 1e9, 1e6 bytes")
    line(f"- Wall time: {wall:.0f} s")
    line("")
    line("## Throughput")
    line("")
    line("| model | params | dtype | batch | prefill tok/s | prefill range | decode tok/s | decode range |")
    line("|---|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        p, d = r["prefill"], r["decode"]
        line(f"| {r['config']} | {r['params']:,} | {r['dtype']} | {r['batch']} | "
             f"{fmt(p.median_rate)} | {fmt(p.min_rate)}–{fmt(p.max_rate)} | "
             f"{fmt(d.median_rate)} | {fmt(d.min_rate)}–{fmt(d.max_rate)} |")
    line("")
    line("## Memory-bandwidth bound, batch-1 decode")
    line("")
    line("A decode step reads every weight once: bound tok/s = copy bandwidth (read + write) / weight bytes per token, "
         "weight bytes = parameter count × bytes per element. This counts the whole embedding table (a step reads one row) "
         "and leaves out the KV cache and activations.")
    line("")
    line("| model | dtype | weight MB/token | bound tok/s | decode tok/s | fraction of bound |")
    line("|---|---|---:|---:|---:|---:|")
    single = [r for r in rows if r["batch"] == 1]
    for r in single:
        weight_bytes = r["params"] * BYTES_PER_ELEMENT[r["dtype"]]
        bound = rw * 1e9 / weight_bytes
        measured = r["decode"].median_rate
        line(f"| {r['config']} | {r['dtype']} | {weight_bytes / 1e6:.1f} | {fmt(bound)} | {fmt(measured)} | {100 * measured / bound:.0f}% |")
    if not single:
        line("| (no batch-1 case was run) | | | | | |")
    return "\n".join(out) + "\n"


def csv(kind, known=None):
    def parse(value):
        items = [s.strip().lower() for s in value.split(",") if s.strip()]
        if not items:
            raise argparse.ArgumentTypeError("empty list")
        if kind is int:
            try:
                ints = [int(s) for s in items]
            except ValueError:
                raise argparse.ArgumentTypeError(f"not integers: {value}")
            if any(i < 1 for i in ints):
                raise argparse.ArgumentTypeError(f"must be >= 1: {value}")
            return ints
        for s in items:
            if s not in known:
                raise argparse.ArgumentTypeError(f"unknown '{s}' (known: {', '.join(known)})")
        return items
    return parse


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run (~30 s): 20m only, 1 warm-up, 3 reps (explicit flags override)")
    ap.add_argument("--configs", type=csv(str, CONFIGS), default=None, help="default: 8m,20m,120m")
    ap.add_argument("--dtypes", type=csv(str, DTYPES), default=None, help="default: fp32,bf16")
    ap.add_argument("--batches", type=csv(int), default=None, help="default: 1,16")
    ap.add_argument("--threads", type=int, default=2, help="torch intra-op threads (default: 2)")
    ap.add_argument("--warmup", type=int, default=None, help="untimed warm-up iterations per case (default: 2)")
    ap.add_argument("--reps", type=int, default=None, help="timed repetitions per case (default: 7)")
    ap.add_argument("--out", default=None, help="also write the Markdown report to this file")
    ap.add_argument("--verbose", action="store_true", help="print every repetition's time to stderr")
    args = ap.parse_args()
    quick = args.quick
    args.configs = args.configs or (["20m"] if quick else list(CONFIGS))
    args.dtypes = args.dtypes or list(DTYPES)
    args.batches = args.batches or [1, 16]
    args.warmup = args.warmup if args.warmup is not None else (1 if quick else 2)
    args.reps = args.reps if args.reps is not None else (3 if quick else 7)
    if args.warmup < 0 or args.reps < 1:
        ap.error("--warmup must be >= 0 and --reps >= 1")
    args.prompt_tokens, args.decode_prefill_tokens, args.decode_steps = 128, 16, 32

    torch.set_num_threads(args.threads)
    wall = time.perf_counter()
    print(f"measuring copy bandwidth ({COPY_BYTES >> 20} MiB float32 copy_) ...", file=sys.stderr)
    copy = copy_bandwidth(max(1, args.warmup), max(5, args.reps), args.verbose)

    rows = []
    for name in args.configs:
        c = CONFIGS[name]
        for dtype_name in args.dtypes:
            dtype = DTYPES[dtype_name]
            model = Llama(c).init_weights(SEED).to(dtype).eval()
            params = sum(p.numel() for p in model.parameters())
            assert params == parameter_count(c), (params, parameter_count(c))
            for batch in args.batches:
                g = torch.Generator().manual_seed(SEED)
                prompt = torch.randint(0, c["vocab"], (batch, args.prompt_tokens), generator=g)
                decode_prompt = prompt[:, :args.decode_prefill_tokens].contiguous()
                print(f"{name} {dtype_name} batch {batch}: prefill ...", file=sys.stderr)
                p = run(args.warmup, args.reps, batch * args.prompt_tokens, lambda: prefill(model, prompt, dtype), args.verbose)
                print(f"{name} {dtype_name} batch {batch}: decode ...", file=sys.stderr)
                d = run(args.warmup, args.reps, batch * args.decode_steps,
                        lambda: decode(model, decode_prompt, args.decode_steps, dtype), args.verbose)
                rows.append(dict(config=name, params=params, dtype=dtype_name, batch=batch, prefill=p, decode=d))
            del model

    text = report(args, torch.get_num_threads(), copy, rows, time.perf_counter() - wall)
    sys.stdout.write(text)
    sys.stdout.flush()
    if args.out:
        d = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(d, exist_ok=True)
        with open(args.out, "w") as f:
            f.write(text)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
