using Tailor.Training.Trainer;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using TorchAdamW = TorchSharp.Modules.AdamW;
using AdamW = Tailor.Training.Trainer.AdamW;
using static TorchSharp.torch;

namespace Tailor.Training.Tests.Trainer;

public class AdamWTests
{
    [Fact]
    public void MatchesLibtorchAdamWStepForStep()
    {
        var g = new Generator(3);
        var ours = new Parameter(randn([5, 4], generator: g));
        var theirs = new Parameter(ours.detach().clone());
        var bias = new Parameter(randn([4], generator: g));
        var theirBias = new Parameter(bias.detach().clone());
        using var adam = new AdamW([("w", ours), ("layer.bias", bias)], 0.9, 0.95, 1e-8, weightDecay: 0.1);
        var reference = optim.AdamW([new TorchAdamW.ParamGroup([theirs], new TorchAdamW.Options { weight_decay = 0.1 }),
                                     new TorchAdamW.ParamGroup([theirBias], new TorchAdamW.Options { weight_decay = 0.0 })],
            lr: 0.01, beta1: 0.9, beta2: 0.95, eps: 1e-8);
        for (int step = 0; step < 5; step++)
        {
            var grad = randn([5, 4], generator: g);
            var biasGrad = randn([4], generator: g);
            ours.grad = grad.clone();
            bias.grad = biasGrad.clone();
            theirs.grad = grad.clone();
            theirBias.grad = biasGrad.clone();
            adam.Update(0.01);
            reference.step();
        }
        Assert.True((ours - theirs).abs().max().item<float>() < 1e-6f);
        Assert.True((bias - theirBias).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void ClippingScalesTheGlobalNorm()
    {
        var a = new Parameter(zeros(2));
        var b = new Parameter(zeros(1));
        a.grad = tensor(new float[] { 3, 0 });
        b.grad = tensor(new float[] { 4 });
        using var adam = new AdamW([("a", a), ("b", b)]);
        Assert.Equal(5.0, adam.ClipGradNorm(1.0), 5);
        var clipped = Math.Sqrt(Math.Pow(a.grad.norm().item<float>(), 2) + Math.Pow(b.grad.norm().item<float>(), 2));
        Assert.Equal(1.0, clipped, 4);
    }

    [Fact]
    public void SchedulesFollowHuggingFace()
    {
        var cosine = new LearningRateSchedule("cosine", 1.0, 10, 110);
        Assert.Equal(0.0, cosine.At(0));
        Assert.Equal(0.5, cosine.At(5), 10);
        Assert.Equal(1.0, cosine.At(10), 10);
        Assert.Equal(0.5, cosine.At(60), 10);
        Assert.Equal(0.0, cosine.At(110), 10);
        var linear = new LearningRateSchedule("linear", 2.0, 0, 100);
        Assert.Equal(1.0, linear.At(50), 10);
        Assert.Equal(3, LearningRateSchedule.WarmupFromRatio(0.03, 100));
        Assert.Throws<TrainingException>(() => new LearningRateSchedule("polynomial", 1, 0, 1).Validate());
    }
}
