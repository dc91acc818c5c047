using Tailor.Engine.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>
/// AdamW (Loshchilov and Hutter): Adam moments with weight decay applied to the weights directly,
/// decoupled from the gradient, as <c>torch.optim.AdamW</c> does.
///
/// Mixed precision: a parameter stored in bf16 or fp16 gets an fp32 master copy here. The update
/// runs on the master and is then written back rounded, so small updates accumulate instead of
/// vanishing in bf16's 8-bit mantissa. Moments are fp32 too. The whole state is a name-to-tensor
/// map, so a checkpoint saves and restores it exactly.
/// </summary>
public sealed class AdamW : IDisposable
{
    sealed class Slot(string name, Parameter parameter, Tensor? master, Tensor expAvg, Tensor expAvgSq)
    {
        public string Name { get; } = name;
        public Parameter Parameter { get; } = parameter;
        public Tensor? Master { get; } = master;
        public Tensor ExpAvg { get; } = expAvg;
        public Tensor ExpAvgSq { get; } = expAvgSq;
        /// <summary>The fp32 weights the update runs on.</summary>
        public Tensor Weights => Master ?? Parameter;
    }

    readonly List<Slot> slots = [];
    readonly double beta1, beta2, eps, weightDecay;

    /// <summary>Optimizer steps taken (Adam's bias correction needs it).</summary>
    public long Step { get; private set; }

    /// <param name="noDecay">Parameter names exempt from weight decay (biases and norms, as HF's Trainer does).</param>
    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0.0, Func<string, bool>? noDecay = null)
    {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        NoDecay = noDecay ?? DefaultNoDecay;
        using var _ = no_grad();
        foreach (var (name, p) in parameters)
        {
            var master = p.dtype == ScalarType.Float32 ? null : p.detach().to(ScalarType.Float32).DetachFromDisposeScope();
            slots.Add(new Slot(name, p,
                master,
                zeros(p.shape, ScalarType.Float32, p.device).DetachFromDisposeScope(),
                zeros(p.shape, ScalarType.Float32, p.device).DetachFromDisposeScope()));
        }
    }

    public Func<string, bool> NoDecay { get; }

    public static bool DefaultNoDecay(string name) =>
        name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("norm", StringComparison.Ordinal);

    public IEnumerable<Parameter> Parameters => slots.Select(s => s.Parameter);

    public void ZeroGrad()
    {
        foreach (var s in slots) s.Parameter.grad?.zero_();
    }

    /// <summary>One update with learning rate <paramref name="lr"/>; parameters without a gradient are skipped.</summary>
    public void Update(double lr)
    {
        Step++;
        double correction1 = 1 - Math.Pow(beta1, Step);
        double correction2 = 1 - Math.Pow(beta2, Step);
        double stepSize = lr / correction1;
        double sqrtCorrection2 = Math.Sqrt(correction2);
        using var _ = no_grad();
        foreach (var s in slots)
        {
            var grad = s.Parameter.grad;
            if (grad is null) continue;
            using var scope = NewDisposeScope();
            var g = grad.dtype == ScalarType.Float32 ? grad : grad.to(ScalarType.Float32);
            var w = s.Weights;
            if (weightDecay != 0 && !NoDecay(s.Name)) w.mul_(1 - lr * weightDecay);
            s.ExpAvg.mul_(beta1).add_(g, alpha: 1 - beta1);
            s.ExpAvgSq.mul_(beta2).addcmul_(g, g, value: 1 - beta2);
            var denominator = s.ExpAvgSq.sqrt().div_(sqrtCorrection2).add_(eps);
            w.addcdiv_(s.ExpAvg, denominator, value: -stepSize);
            if (s.Master is not null) s.Parameter.copy_(s.Master);
        }
    }

    /// <summary>Moments and master weights by name (<c>exp_avg.NAME</c>, ...), ready for a safetensors file.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var s in slots)
        {
            state["exp_avg." + s.Name] = s.ExpAvg;
            state["exp_avg_sq." + s.Name] = s.ExpAvgSq;
            if (s.Master is not null) state["master." + s.Name] = s.Master;
        }
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, long step, string source)
    {
        using var _ = no_grad();
        foreach (var s in slots)
        {
            Copy(s.ExpAvg, "exp_avg." + s.Name);
            Copy(s.ExpAvgSq, "exp_avg_sq." + s.Name);
            if (s.Master is not null)
            {
                Copy(s.Master, "master." + s.Name);
                s.Parameter.copy_(s.Master);
            }
        }
        Step = step;

        void Copy(Tensor target, string key)
        {
            if (!state.TryGetValue(key, out var value))
                throw new TrainingException($"{source}: optimizer state has no '{key}' (was the checkpoint written for another method or model?)");
            if (!value.shape.SequenceEqual(target.shape))
                throw new TrainingException($"{source}: optimizer tensor '{key}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", target.shape)}]");
            target.copy_(value);
        }
    }

    /// <summary>Clips the global gradient L2 norm to <paramref name="maxNorm"/> and returns the norm before clipping.</summary>
    public double ClipGradNorm(double maxNorm)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var grads = slots.Select(s => s.Parameter.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        var total = stack(grads.Select(g => g.to(ScalarType.Float32).norm()).ToArray()).norm().item<float>();
        if (maxNorm > 0 && total > maxNorm)
        {
            double factor = maxNorm / (total + 1e-6);
            foreach (var g in grads) g.mul_(factor);
        }
        return total;
    }

    public void Dispose()
    {
        foreach (var s in slots)
        {
            s.Master?.Dispose();
            s.ExpAvg.Dispose();
            s.ExpAvgSq.Dispose();
        }
    }
}
