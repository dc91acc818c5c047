using Tailor.Domains.Availability;

namespace Tailor.Domains.Tests.Availability;

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData(" Example.COM. ", "example.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("example", null)]
    [InlineData("exa mple.com", null)]
    [InlineData("-bad.com", null)]
    [InlineData("", null)]
    public void Names_are_normalised_to_lower_case_ascii_or_rejected(string input, string? expected) =>
        Assert.Equal(expected, DomainNames.Normalize(input));

    [Theory]
    [InlineData("example.com", "com")]
    [InlineData("example.co.uk", "co.uk")]
    [InlineData("shop.example.co.uk", "co.uk")]
    [InlineData("co.uk", "uk")]
    [InlineData("name.test", "test")]
    public void The_parent_zone_is_the_public_suffix(string domain, string parent) =>
        Assert.Equal(parent, DomainNames.ParentZone(domain));
}
