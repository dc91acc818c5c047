using Tailor.Training.Adapters;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Tailor.Training.Tests.Adapters;

public class ModuleSurgeryTests
{
    sealed class Block : Module<Tensor, Tensor>
    {
        readonly Module<Tensor, Tensor> first, second;
        readonly Linear last;

        public Block() : base(nameof(Block))
        {
            first = Linear(4, 4);
            second = Linear(4, 4);
            last = Linear(4, 4);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => last.forward(second.forward(first.forward(x)));
    }

    sealed class Doubler : Module<Tensor, Tensor>
    {
        public Doubler() : base(nameof(Doubler)) => RegisterComponents();

        public override Tensor forward(Tensor x) => x * 2;
    }

    [Fact]
    public void ReplacesFieldAndRegistryInPlace()
    {
        using var block = new Block();
        var x = ones(1, 4);
        var old = ModuleSurgery.Replace(block, "second", new Doubler());

        Assert.IsType<Linear>(old);
        // The registry keeps the child's position and drops the old child's parameters...
        Assert.Equal(["first", "second", "last"], block.named_children().Select(c => c.name));
        Assert.Equal(["first.weight", "first.bias", "last.weight", "last.bias"], block.named_parameters().Select(p => p.name));
        // ...and forward, which reads the field, runs the new child.
        var children = block.named_children().ToDictionary(c => c.name, c => (Module<Tensor, Tensor>)c.module);
        var expected = children["last"].forward(children["first"].forward(x) * 2);
        Assert.True(TinyModels.BitIdentical(block.forward(x), expected));
    }

    [Fact]
    public void RefusesAFieldThatCannotHoldTheReplacement()
    {
        using var block = new Block();
        var e = Assert.Throws<InvalidOperationException>(() => ModuleSurgery.Replace(block, "last", new Doubler()));
        Assert.Contains("Block.last is declared as Linear", e.Message);
        Assert.IsType<Linear>(block.named_children().Single(c => c.name == "last").module);
        Assert.Throws<ArgumentException>(() => ModuleSurgery.Replace(block, "missing", new Doubler()));
    }

    [Fact]
    public void DescendantsAreDepthFirstWithParents()
    {
        using var block = new Block();
        var sites = ModuleSurgery.Descendants(block).ToList();
        Assert.Equal(["first", "second", "last"], sites.Select(s => s.Name));
        Assert.All(sites, s => Assert.Same(block, s.Parent));
    }
}
