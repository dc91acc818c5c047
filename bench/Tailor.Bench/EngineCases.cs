using Tailor.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Bench;

/// <summary>The measured workloads. Each method returns the seconds of its timed region only.</summary>
internal static class EngineCases
{
    /// <summary>
    /// Prefill: one forward of a [batch, promptTokens] prompt into an empty KV cache, then the
    /// last position's logits and the greedy next token (what generation does before decoding).
    /// </summary>
    public static double Prefill(LlamaForCausalLM model, Tensor promptIds)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int batch = (int)promptIds.shape[0], tokens = (int)promptIds.shape[1];
        using var cache = new KvCache(model.Config, batch, tokens, model.DType, model.Device);
        return Harness.Time(() =>
        {
            var hidden = model.Model.forward(promptIds, null, null, cache);
            var logits = model.Logits(hidden.narrow(1, tokens - 1, 1));
            _ = logits.argmax(-1);
        });
    }

    /// <summary>
    /// Decode: an untimed prefill of <c>promptIds</c>, then <paramref name="steps"/> timed greedy
    /// single-token steps, each feeding back the token chosen by the previous one.
    /// </summary>
    public static double Decode(LlamaForCausalLM model, Tensor promptIds, int steps)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int batch = (int)promptIds.shape[0], tokens = (int)promptIds.shape[1];
        using var cache = new KvCache(model.Config, batch, tokens + steps, model.DType, model.Device);
        var prefillHidden = model.Model.forward(promptIds, null, null, cache);
        var next = model.Logits(prefillHidden.narrow(1, tokens - 1, 1)).argmax(-1);
        return Harness.Time(() =>
        {
            for (int step = 0; step < steps; step++)
            {
                using var stepScope = NewDisposeScope();
                var logits = model.Logits(model.Model.forward(next, null, null, cache));
                var chosen = logits.argmax(-1).MoveToOuterDisposeScope();
                next = chosen;
            }
        });
    }

    /// <summary>
    /// Memory bandwidth of <c>dst.copy_(src)</c> on two float32 tensors of <paramref name="bytes"/>
    /// each. Returns the timing with one copy's size as the work of a repetition.
    /// </summary>
    public static Timing CopyBandwidth(long bytes, int warmup, int reps)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long elements = bytes / sizeof(float);
        var src = ones(elements, ScalarType.Float32);
        var dst = zeros(elements, ScalarType.Float32);
        return Harness.Run(warmup, reps, bytes, () => Harness.Time(() => dst.copy_(src)));
    }

    public static ScalarType ParseDtype(string name) => name switch
    {
        "fp32" => ScalarType.Float32,
        "bf16" => ScalarType.BFloat16,
        _ => throw new ArgumentException($"unknown dtype '{name}'", nameof(name)),
    };

    public static int BytesPerElement(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => 4,
        ScalarType.BFloat16 => 2,
        _ => throw new ArgumentException($"unsupported dtype {dtype}", nameof(dtype)),
    };
}
