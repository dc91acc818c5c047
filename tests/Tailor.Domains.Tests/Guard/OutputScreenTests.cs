using Tailor.Domains.Guard;

namespace Tailor.Domains.Tests.Guard;

public sealed class OutputScreenTests
{
    [Theory]
    [InlineData("paypa1shop.com", "paypal")]
    [InlineData("g00gle.io", "google")]
    [InlineData("cocaine-express.com", "cocaine")]
    [InlineData("c0c41neexpress.com", "cocaine")]
    [InlineData("bestsexshop.com", "sex")]
    [InlineData("pornhub.net", "porn")]
    [InlineData("nazimerch.shop", "nazi")]
    [InlineData("methdelivery.com", "meth")]
    public void Rejects_brand_lookalikes_and_unsafe_words(string domain, string expectedInReason)
    {
        var reason = OutputScreen.Check(domain);
        Assert.NotNull(reason);
        Assert.Contains(expectedInReason, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("breadly.com")]
    [InlineData("middlesexdental.co.uk")]
    [InlineData("essexplumbing.co.uk")]
    [InlineData("scunthorpeelectric.com")]
    [InlineData("methodbakery.com")]
    [InlineData("therapistfinder.com")]
    [InlineData("getfreshbread.shop")]
    public void Passes_ordinary_names(string domain) => Assert.Null(OutputScreen.Check(domain));
}
