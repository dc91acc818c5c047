#!/usr/bin/python3
"""PyTorch eager anchor for `Tailor.Bench train`: the same training steps, measurements and table.

The plain Llama of bench/pytorch_anchor.py (RMSNorm in float32, RoPE, grouped-query attention written by hand as
torch 1.13 has no scaled_dot_product_attention, SwiGLU), here without a KV cache and with tied embeddings, trained
with torch.optim.AdamW. LoRA is a plain wrapper like Tailor's LoraLinear (fp32 adapters, the sum rounded to the
base's dtype). bf16 full fine-tuning keeps fp32 master weights for the optimizer, as Tailor's AdamW does.
Each case runs in a fresh child process (`--case NAME`), so its peak RSS (ru_maxrss) is its own.

    /usr/bin/python3 bench/pytorch_train_anchor.py [--quick] [--cases full-fp32,...] [--out FILE] [--json FILE]

Keep the shapes, the step and the FLOP formula in step with bench/Tailor.Bench/Train/TrainWorkload.cs.
"""

import argparse
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time

# Sets OPENBLAS_NUM_THREADS from --threads before torch loads, and gives the shared building blocks.
from pytorch_anchor import MLP, RMSNorm, blas_note, cpu_name, fmt, rotate  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

SEED = 1234
C = dict(vocab=8192, hidden=512, intermediate=1376, layers=6, heads=8, kv_heads=4, head_dim=64)
ROPE_THETA = 10000.0
BATCH, SEQ = 16, 128
TOKENS_PER_STEP = BATCH * SEQ
LR, WEIGHT_DECAY, MAX_GRAD_NORM = 1e-4, 0.01, 1.0
LORA_R, LORA_ALPHA = 16, 32.0
LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj")
IGNORE_INDEX = -100
CASES = ("full-fp32", "full-bf16", "lora-fp32", "lora-bf16")
DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}
RESULT_PREFIX = "RESULT "


# ---- FLOPs (same formula as TrainShape in TrainWorkload.cs) ----

def matmul_parameters(c=C):
    """N: q/k/v/o and MLP weights of every layer plus the tied head once (no embedding lookup, no norms)."""
    attn, kv = c["heads"] * c["head_dim"], c["kv_heads"] * c["head_dim"]
    layer = c["hidden"] * attn + 2 * c["hidden"] * kv + attn * c["hidden"] + 3 * c["hidden"] * c["intermediate"]
    return c["layers"] * layer + c["vocab"] * c["hidden"]


def lora_parameters(c=C):
    attn, kv, h = c["heads"] * c["head_dim"], c["kv_heads"] * c["head_dim"], c["hidden"]
    return c["layers"] * LORA_R * ((h + attn) + 2 * (h + kv) + (attn + h))


def attention_flops_per_token(c=C):
    """12·L·d·s: QKᵀ and PV, 2·s·d each forward, the whole s × s matrix; backward twice forward."""
    return 12.0 * c["layers"] * c["heads"] * c["head_dim"] * SEQ


def flops_per_token(method):
    if method == "full":
        return 6.0 * matmul_parameters() + attention_flops_per_token()
    return 4.0 * matmul_parameters() + 6.0 * lora_parameters() + attention_flops_per_token()


# ---- model ----

class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = c["heads"], c["kv_heads"], c["head_dim"]
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

    def forward(self, x, cos, sin, mask):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k, v = self.repeat_kv(k), self.repeat_kv(v)
        # By hand (torch 1.13 has no scaled_dot_product_attention); softmax in float32 as HF's eager path.
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        scores = scores.masked_fill(~mask, float("-inf"))
        probs = F.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, self.heads * self.head_dim)
        return self.o_proj(out)


class DecoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self_attn = Attention(c)
        self.mlp = MLP(c)
        self.input_layernorm = RMSNorm(c["hidden"])
        self.post_attention_layernorm = RMSNorm(c["hidden"])

    def forward(self, x, cos, sin, mask):
        h = x + self.self_attn(self.input_layernorm(x), cos, sin, mask)
        return h + self.mlp(self.post_attention_layernorm(h))


class Llama(nn.Module):
    """Decoder with tied embeddings: the logits reuse embed_tokens.weight."""

    def __init__(self, c):
        super().__init__()
        self.embed_tokens = nn.Embedding(c["vocab"], c["hidden"])
        self.layers = nn.ModuleList([DecoderLayer(c) for _ in range(c["layers"])])
        self.norm = RMSNorm(c["hidden"])
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

    def forward(self, ids):
        b, t = ids.shape
        positions = torch.arange(t).unsqueeze(0).expand(b, t)
        x = self.embed_tokens(ids)
        freqs = positions.float().unsqueeze(-1) * self.inv_freq
        emb = torch.cat([freqs, freqs], dim=-1)
        cos, sin = emb.cos().to(x.dtype), emb.sin().to(x.dtype)
        mask = torch.ones(t, t, dtype=torch.bool).tril()
        for layer in self.layers:
            x = layer(x, cos, sin, mask)
        return F.linear(self.norm(x), self.embed_tokens.weight)


class LoraLinear(nn.Module):
    """base(x) + lora_B(lora_A(x)) · alpha/r, adapters in fp32, the sum rounded to the base output's dtype."""

    def __init__(self, base, generator):
        super().__init__()
        self.base_layer = base
        base.weight.requires_grad_(False)
        self.lora_A = nn.Linear(base.in_features, LORA_R, bias=False, dtype=torch.float32)
        self.lora_B = nn.Linear(LORA_R, base.out_features, bias=False, dtype=torch.float32)
        with torch.no_grad():
            bound = 1.0 / math.sqrt(base.in_features)
            self.lora_A.weight.uniform_(-bound, bound, generator=generator)
            self.lora_B.weight.zero_()
        self.scale = LORA_ALPHA / LORA_R

    def forward(self, x):
        result = self.base_layer(x)
        update = self.lora_B(self.lora_A(x.to(self.lora_A.weight.dtype))) * self.scale
        return (result + update).to(result.dtype)


def causal_lm_loss(logits, labels):
    """Tailor's CausalLmLoss: summed next-token cross-entropy in fp32, labelled-token count, correct predictions."""
    vocab = logits.shape[-1]
    predicted = logits[:, :-1].reshape(-1, vocab).float()
    targets = labels[:, 1:].reshape(-1)
    loss_sum = F.cross_entropy(predicted, targets, ignore_index=IGNORE_INDEX, reduction="sum")
    labelled = targets.ne(IGNORE_INDEX)
    tokens = labelled.sum().item()
    with torch.no_grad():
        correct = ((predicted.argmax(-1) == targets) & labelled).sum().item()
    return loss_sum, tokens, correct


def no_decay(name):
    """Tailor's AdamW.DefaultNoDecay: no weight decay on biases and norms (as HF's Trainer)."""
    return name.endswith(".bias") or "norm" in name


class Workload:
    """One case's model, optimizer and batch, and the training step (as Tailor's TrainWorkload)."""

    def __init__(self, case):
        self.method, dtype_name = case.split("-")
        dtype = DTYPES[dtype_name]
        model = Llama(C).init_weights(SEED).to(dtype)
        if self.method == "lora":
            g = torch.Generator().manual_seed(SEED)
            for p in model.parameters():
                p.requires_grad_(False)
            for layer in model.layers:
                for name in LORA_TARGETS:
                    setattr(layer.self_attn, name, LoraLinear(getattr(layer.self_attn, name), g))
        model.train()
        self.model = model
        self.parameters = sum(p.numel() for p in model.parameters())
        trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
        self.trainable_parameters = sum(p.numel() for _, p in trainable)
        self.trainable = [p for _, p in trainable]
        # fp32 master copies for bf16 parameters; the optimizer steps on them, the model gets them rounded.
        self.masters = [(p, p.detach().float().clone()) for p in self.trainable if p.dtype != torch.float32]
        master_of = {id(p): m for p, m in self.masters}
        groups = [
            dict(params=[master_of.get(id(p), p) for n, p in trainable if not no_decay(n)], weight_decay=WEIGHT_DECAY),
            dict(params=[master_of.get(id(p), p) for n, p in trainable if no_decay(n)], weight_decay=0.0),
        ]
        self.optimizer = torch.optim.AdamW([g for g in groups if g["params"]], lr=LR, betas=(0.9, 0.999), eps=1e-8)
        g = torch.Generator().manual_seed(SEED)
        self.ids = torch.randint(0, C["vocab"], (BATCH, SEQ), generator=g)
        self.labels = self.ids.clone()
        self.label_tokens = BATCH * (SEQ - 1)
        self.step_index = 0
        self.last_loss = float("nan")

    def step(self):
        self.model.train()
        torch.manual_seed(SEED * 1_000_003 + self.step_index)
        logits = self.model(self.ids)
        loss_sum, tokens, _ = causal_lm_loss(logits, self.labels)
        (loss_sum / self.label_tokens).backward()
        self.last_loss = loss_sum.item() / max(1, tokens)
        del logits, loss_sum
        torch.nn.utils.clip_grad_norm_(self.trainable, MAX_GRAD_NORM)
        for p, master in self.masters:
            master.grad = p.grad.float()
        self.optimizer.step()
        with torch.no_grad():
            for p, master in self.masters:
                p.copy_(master)
        self.model.zero_grad(set_to_none=False)
        self.step_index += 1


# ---- measurements ----

def run(warmup, reps, repetition, verbose):
    for _ in range(warmup):
        repetition()
    seconds = []
    for _ in range(reps):
        gc.collect()
        seconds.append(repetition())
    if verbose:
        print("  reps (ms): " + " ".join(f"{s * 1e3:.1f}" for s in seconds), file=sys.stderr)
    return seconds


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def gemm_peak(dtype, n, warmup, reps, verbose):
    """Square n³ matmul; returns the seconds of each timed repetition (work 2·n³)."""
    g = torch.Generator().manual_seed(SEED)
    a = torch.randn(n, n, generator=g).to(dtype)
    b = torch.randn(n, n, generator=g).to(dtype)
    with torch.no_grad():
        return run(warmup, reps, lambda: timed(lambda: torch.matmul(a, b)), verbose)


def max_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def run_child(case, args):
    torch.ones(8).sum().item()
    baseline = max_rss_bytes()
    print(f"{case}: building the model ...", file=sys.stderr)
    w = Workload(case)
    print(f"{case}: {args.warmup} warm-up + {args.steps} timed steps ...", file=sys.stderr)
    first = []

    def one():
        s = timed(w.step)
        if not first:
            first.append(w.last_loss)
        return s

    seconds = run(args.warmup, args.steps, one, args.verbose)
    result = dict(case=case, parameters=w.parameters, trainable_parameters=w.trainable_parameters,
                  flops_per_token=flops_per_token(w.method), tokens_per_step=TOKENS_PER_STEP, step_seconds=seconds,
                  first_loss=first[0], last_loss=w.last_loss, baseline_rss_bytes=baseline, peak_rss_bytes=max_rss_bytes())
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def launch_child(case, args):
    cmd = [sys.executable, os.path.abspath(__file__), "--case", case, "--threads", str(args.threads),
           "--warmup", str(args.warmup), "--steps", str(args.steps)] + (["--verbose"] if args.verbose else [])
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    lines = [l for l in proc.stdout.splitlines() if l.startswith(RESULT_PREFIX)]
    if proc.returncode != 0 or not lines:
        sys.exit(f"case {case}: the child process exited with {proc.returncode} and no result:\n{proc.stdout}")
    return json.loads(lines[-1][len(RESULT_PREFIX):])


def summarise(m, peak):
    median = statistics.median(m["step_seconds"])
    tps = m["tokens_per_step"] / median
    achieved = tps * m["flops_per_token"]
    return dict(m, median_step_seconds=median, tokens_per_second=tps, achieved_flops=achieved,
                gemm_peak_flops=peak, mfu=achieved / peak, dtype=m["case"].split("-")[1])


def report(args, run_, peak_seconds):
    out = []
    line = out.append
    line(f"# Training benchmark: {run_['engine']}")
    line("")
    line(f"- CPU: {run_['cpu']}, {os.cpu_count()} logical CPUs; torch intra-op threads: {run_['threads']}; {blas_note()}")
    line(f"- Model: Llama, hidden {C['hidden']}, {C['layers']} layers, {C['heads']} heads / {C['kv_heads']} KV heads "
         f"(head dim {C['head_dim']}), MLP {C['intermediate']}, vocab {C['vocab']}, tied embeddings; random weights (seed {SEED})")
    line(f"- Batch: {BATCH} × {SEQ} random token ids, every position labelled ({TOKENS_PER_STEP:,} tokens per step); "
         f"AdamW lr {LR:g}, betas 0.9/0.999, weight decay {WEIGHT_DECAY} (not on norms), gradient clipping {MAX_GRAD_NORM:.1f}")
    line(f"- LoRA: r {LORA_R}, alpha {LORA_ALPHA:g}, on {'/'.join(t[0] for t in LORA_TARGETS)}, adapters fp32. "
         "bf16: the model (the LoRA base) cast to bf16, AdamW keeps fp32 master weights and moments")
    line(f"- Step: forward + CausalLmLoss + backward + clip + AdamW update + zero grad (torch.optim.AdamW, "
         f"clip_grad_norm_); {args.warmup} warm-up + {args.steps} timed steps per case, each case in a fresh process; "
         f"figures from the median step, range = fastest–slowest step{' (--quick smoke run)' if args.quick else ''}")
    line(f"- FLOPs per token: N = {matmul_parameters():,} matmul weights (q/k/v/o and MLP of every layer, the tied head once; "
         f"not the embedding lookup or the norms); attention 12·L·d·s = {attention_flops_per_token() / 1e6:.2f} M "
         f"(d = heads × head dim, s = {SEQ}, whole s × s matrix); full: 6N + attention = {flops_per_token('full') / 1e6:.1f} M; "
         f"LoRA: 4N (frozen base: input gradients only) + 6·N_lora (N_lora = {lora_parameters():,}) + attention = "
         f"{flops_per_token('lora') / 1e6:.1f} M")
    work = 2.0 * args.gemm_size ** 3
    peak_text = ", ".join(
        f"{d} {work / statistics.median(s) / 1e9:.1f} GFLOP/s (range {work / max(s) / 1e9:.1f}–{work / min(s) / 1e9:.1f})"
        for d, s in peak_seconds.items())
    line(f"- GEMM peak ({args.gemm_size}³ `matmul`, median of {args.gemm_reps}): {peak_text}; "
         "MFU = achieved FLOP/s / the peak of the case's dtype")
    line("- Peak RSS: ru_maxrss of the case's process; baseline = ru_maxrss before the model is built "
         "(Python + torch); MB = 1e6 bytes")
    line(f"- Wall time: {run_['wall_seconds']:.0f} s")
    line("")
    line("## Throughput")
    line("")
    line("| case | trainable params | step ms | step range ms | tok/s | GFLOP/s | MFU | peak RSS MB | baseline RSS MB | loss first → last |")
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in run_["cases"]:
        s = r["step_seconds"]
        line(f"| {r['case']} | {r['trainable_parameters']:,} | {fmt(r['median_step_seconds'] * 1e3)} | "
             f"{fmt(min(s) * 1e3)}–{fmt(max(s) * 1e3)} | {fmt(r['tokens_per_second'])} | {fmt(r['achieved_flops'] / 1e9)} | "
             f"{100 * r['mfu']:.0f}% | {r['peak_rss_bytes'] / 1e6:,.0f} | {r['baseline_rss_bytes'] / 1e6:,.0f} | "
             f"{r['first_loss']:.3f} → {r['last_loss']:.3f} |")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: full-fp32 only, 1 warm-up, 2 timed steps, 3 GEMM reps (explicit flags override)")
    ap.add_argument("--cases", default=None, help="comma-separated, any of " + ",".join(CASES) + " (default: all)")
    ap.add_argument("--case", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--threads", type=int, default=2, help="torch intra-op threads and OPENBLAS_NUM_THREADS (default: 2)")
    ap.add_argument("--warmup", type=int, default=None, help="untimed warm-up steps per case (default: 2)")
    ap.add_argument("--steps", type=int, default=None, help="timed steps per case (default: 6)")
    ap.add_argument("--gemm-size", type=int, default=2048, help="side of the square matmul for the GEMM peak (default: 2048)")
    ap.add_argument("--gemm-reps", type=int, default=None, help="timed matmuls per dtype (default: 7)")
    ap.add_argument("--out", default=None, help="also write the Markdown report to this file")
    ap.add_argument("--json", default=None, help="also write the figures as JSON (for `Tailor.Bench train --anchor`)")
    ap.add_argument("--verbose", action="store_true", help="print every step's time to stderr")
    args = ap.parse_args()
    q = args.quick
    cases = [s.strip().lower() for s in (args.cases or "").split(",") if s.strip()] or (["full-fp32"] if q else list(CASES))
    for c in cases + ([args.case] if args.case else []):
        if c not in CASES:
            ap.error(f"unknown case '{c}' (known: {', '.join(CASES)})")
    args.warmup = args.warmup if args.warmup is not None else (1 if q else 2)
    args.steps = args.steps if args.steps is not None else (2 if q else 6)
    args.gemm_reps = args.gemm_reps if args.gemm_reps is not None else (3 if q else 7)
    if args.warmup < 0 or args.steps < 1 or args.gemm_reps < 1:
        ap.error("--warmup must be >= 0, --steps and --gemm-reps >= 1")

    torch.set_num_threads(args.threads)
    if args.case:
        run_child(args.case, args)
        return

    wall = time.perf_counter()
    peak_seconds, peaks = {}, {}
    for name, dtype in DTYPES.items():
        print(f"measuring the {name} GEMM peak ({args.gemm_size}³ matmul) ...", file=sys.stderr)
        peak_seconds[name] = gemm_peak(dtype, args.gemm_size, 2, args.gemm_reps, args.verbose)
        peaks[name] = 2.0 * args.gemm_size ** 3 / statistics.median(peak_seconds[name])
    results = [summarise(launch_child(c, args), peaks[c.split("-")[1]]) for c in cases]
    run_ = dict(engine=f"PyTorch {torch.__version__} eager, Python {sys.version.split()[0]}", cpu=cpu_name(),
                threads=torch.get_num_threads(), warmup=args.warmup, steps=args.steps, quick=q, gemm_size=args.gemm_size,
                gemm_peak_flops=peaks, cases=results, wall_seconds=time.perf_counter() - wall)

    text = report(args, run_, peak_seconds)
    sys.stdout.write(text)
    sys.stdout.flush()
    for path, content in ((args.out, text), (args.json, json.dumps(run_, indent=2) + "\n")):
        if path:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            with open(path, "w") as f:
                f.write(content)
            print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
