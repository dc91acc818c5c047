using Tailor.Domains.Names;

namespace Tailor.Domains.Tests.Names;

public class BrandLookalikeTests
{
    [Theory]
    [InlineData("google.com", "google")]
    [InlineData("g00gle.com", "google")]
    [InlineData("paypa1.com", "paypal")]
    [InlineData("pay-pal.net", "paypal")]
    [InlineData("gooogle.com", "google")]
    [InlineData("amazn.shop", "amazon")]
    [InlineData("paypalhelp.com", "paypal")]
    [InlineData("netflixdeals.io", "netflix")]
    [InlineData("apple.com", "apple")]
    [InlineData("micr0s0ft-support.com", "microsoft")]
    public void Flags_imitations(string domain, string brand)
    {
        Assert.Equal(brand, BrandLookalike.Find(domain));
    }

    [Theory]
    [InlineData("breadly.com")]
    [InlineData("pineapplebakery.com")] // "apple" is a common word: exact matches only.
    [InlineData("applepie.com")]
    [InlineData("goggle.com")]          // an English word, although one edit from "google".
    [InlineData("squarebakery.com")]
    [InlineData("metalworks.com")]
    public void Leaves_ordinary_names_alone(string domain)
    {
        Assert.Null(BrandLookalike.Find(domain));
    }

    [Fact]
    public void Ships_about_two_hundred_brands()
    {
        Assert.InRange(BrandLookalike.Brands.Count, 200, 300);
        Assert.Equal(3, BrandLookalike.EditDistance("kitten", "sitting"));
    }
}
