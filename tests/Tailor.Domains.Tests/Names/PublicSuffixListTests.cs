using Tailor.Domains.Names;

namespace Tailor.Domains.Tests.Names;

public class PublicSuffixListTests
{
    private static readonly PublicSuffixList Small = PublicSuffixList.Parse(
    [
        "// comment", "com", "uk", "co.uk", "*.ck", "!www.ck", "", "// ===END ICANN DOMAINS===", "github.io",
    ]);

    [Theory]
    [InlineData("bakery.com", "com", false)]
    [InlineData("bakery.co.uk", "co.uk", false)]
    [InlineData("co.uk", "co.uk", false)]
    [InlineData("a.b.co.uk", "co.uk", false)]
    [InlineData("bakery.foo.ck", "foo.ck", false)]
    [InlineData("www.ck", "ck", false)]
    [InlineData("shop.www.ck", "ck", false)]
    [InlineData("bakery.zzqx", "zzqx", true)]
    [InlineData("bakery.github.io", "io", true)]
    public void Finds_the_prevailing_rule(string domain, string suffix, bool isDefault)
    {
        Assert.Equal(suffix, Small.PublicSuffix(domain, out var isDefaultRule));
        Assert.Equal(isDefault, isDefaultRule);
    }

    [Fact]
    public void Reads_only_the_icann_section_of_the_shipped_list()
    {
        Assert.Equal(5, Small.RuleCount);
        Assert.InRange(PublicSuffixList.Icann.RuleCount, 6000, 8000);
        Assert.Equal("io", PublicSuffixList.Icann.PublicSuffix("bakery.github.io", out var isDefault));
        Assert.False(isDefault);
    }
}
