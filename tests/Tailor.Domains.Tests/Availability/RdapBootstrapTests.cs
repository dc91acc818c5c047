using Tailor.Domains.Availability;

namespace Tailor.Domains.Tests.Availability;

public sealed class RdapBootstrapTests
{
    [Fact]
    public void The_bundled_copy_maps_common_TLDs_to_their_registries_and_has_a_date()
    {
        var bootstrap = RdapBootstrap.Bundled;

        Assert.Equal(new Uri("https://rdap.verisign.com/com/v1/"), bootstrap.BaseUrlFor("example.com"));
        Assert.Equal(new Uri("https://rdap.verisign.com/net/v1/"), bootstrap.BaseUrlFor("example.net"));
        Assert.Equal(new Uri("https://pubapi.registry.google/rdap/"), bootstrap.BaseUrlFor("example.app"));
        Assert.Null(bootstrap.BaseUrlFor("example.test"));
        Assert.NotNull(bootstrap.Publication);
        Assert.Contains("org", bootstrap.TopLevelDomains);
        Assert.All(bootstrap.TopLevelDomains, tld => Assert.Equal(tld.ToLowerInvariant(), tld));
    }

    [Fact]
    public void Parsing_prefers_https_and_makes_base_urls_end_with_a_slash()
    {
        const string json = """
            {"publication":"2024-01-02T03:04:05Z","services":[
              [["alpha","Beta"],["http://rdap.alpha.example/v1","https://rdap.alpha.example/v1"]],
              [["gamma"],["http://rdap.gamma.example/"]],
              [["empty"],[]]
            ],"version":"1.0"}
            """;

        var bootstrap = RdapBootstrap.Parse(json);

        Assert.Equal(new Uri("https://rdap.alpha.example/v1/"), bootstrap.BaseUrlFor("x.alpha"));
        Assert.Equal(new Uri("https://rdap.alpha.example/v1/"), bootstrap.BaseUrlFor("x.beta"));
        Assert.Equal(new Uri("http://rdap.gamma.example/"), bootstrap.BaseUrlFor("x.gamma"));
        Assert.Null(bootstrap.BaseUrlFor("x.empty"));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), bootstrap.Publication);
        Assert.Throws<FormatException>(() => RdapBootstrap.Parse("""{"services":"no"}"""));
        Assert.Throws<FormatException>(() => RdapBootstrap.Parse("not json"));
    }
}
