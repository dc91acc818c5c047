using Tailor.Domains.Names;

namespace Tailor.Domains.Tests.Data;

public sealed class DomainSyntaxTests
{
    [Theory]
    [InlineData("bakery.com")]
    [InlineData("get-bread.shop")]
    [InlineData("a.io")]
    [InlineData("bakery.co.uk")]
    [InlineData("xn--bcher-kva.de")]
    [InlineData("913.ai")]
    [InlineData("shop.xn--p1ai")]
    public void AcceptsValidNames(string domain) => Assert.Null(DomainSyntax.Problem(domain));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("bakery", "no top-level domain")]
    [InlineData("bakery.com.", "trailing dot")]
    [InlineData("Bakery.com", "upper-case")]
    [InlineData("-bakery.com", "hyphen")]
    [InlineData("bakery-.com", "hyphen")]
    [InlineData("my bakery.com", "character ' '")]
    [InlineData("bakery..com", "empty label")]
    [InlineData("bäckerei.de", "character 'ä'")]
    [InlineData("ab--cd.com", "reserved for punycode")]
    [InlineData("bakery.c0m", "not alphabetic")]
    public void RejectsInvalidNamesWithAReason(string domain, string reason)
    {
        var problem = DomainSyntax.Problem(domain);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsAreLimitedTo63CharactersAndNamesTo253()
    {
        Assert.True(DomainSyntax.IsValid(new string('a', 63) + ".com"));
        Assert.False(DomainSyntax.IsValid(new string('a', 64) + ".com"));
        var longName = string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".com";
        Assert.True(longName.Length > DomainSyntax.MaxNameLength);
        Assert.Contains("253", DomainSyntax.Problem(longName), StringComparison.Ordinal);
    }
}
