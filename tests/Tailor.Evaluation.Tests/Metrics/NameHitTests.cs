using Tailor.Evaluation.Metrics;

namespace Tailor.Evaluation.Tests.Metrics;

public class NameHitTests
{
    [Fact]
    public void Capitalized_tokens_inside_a_reference_label_are_the_name()
    {
        var names = NameHit.Detect("Maison Dupont is a Bakery in Lyon.", ["maisondupont.fr", "dupontbread.com"]);
        Assert.Equal(["maison", "dupont"], names);
        Assert.True(NameHit.Hit(names, ["dupont-pain.fr", "breadly.com"]));
        Assert.False(NameHit.Hit(names, ["breadly.com"]));
    }

    [Fact]
    public void Accents_are_folded_and_lower_case_tokens_do_not_count()
    {
        Assert.Equal(["creme"], NameHit.Detect("Crème Atelier: a patisserie", ["cremeparis.com"]));
        Assert.Empty(NameHit.Detect("a bakery called dupont", ["dupont.fr"]));
        Assert.Empty(NameHit.Detect("Maison Dupont", []));
    }
}
