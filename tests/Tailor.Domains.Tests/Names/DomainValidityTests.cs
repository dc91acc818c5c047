using Tailor.Domains.Names;

namespace Tailor.Domains.Tests.Names;

public class DomainValidityTests
{
    [Theory]
    [InlineData("bakery.com", "com")]
    [InlineData("bakery.co.uk", "co.uk")]
    [InlineData("my-bakery24.de", "de")]
    [InlineData("www.ck", "ck")]
    [InlineData("bakery.foo.ck", "foo.ck")]
    [InlineData("bakery.kawasaki.jp", "bakery.kawasaki.jp")]
    public void Accepts_registrable_names(string domain, string suffix)
    {
        if (domain == "bakery.kawasaki.jp")
        {
            // *.kawasaki.jp makes bakery.kawasaki.jp itself a public suffix; the exception !city.kawasaki.jp does not.
            var asSuffix = DomainValidity.Check(domain);
            Assert.False(asSuffix.Valid);
            Assert.Equal("not registrable: 'bakery.kawasaki.jp' is a public suffix", asSuffix.Reason);
            var city = DomainValidity.Check("city.kawasaki.jp");
            Assert.True(city.Valid, city.Reason);
            Assert.Equal("kawasaki.jp", city.RegistrableSuffix);
            return;
        }
        var result = DomainValidity.Check(domain);
        Assert.True(result.Valid, result.Reason);
        Assert.Equal(domain, result.Domain);
        Assert.Equal(suffix, result.RegistrableSuffix);
        Assert.False(result.IsIdn);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData("my bakery.com", "contains spaces")]
    [InlineData("https://bakery.com", "not a bare domain: scheme, path, port or user part")]
    [InlineData("bakery.com/shop", "not a bare domain: scheme, path, port or user part")]
    [InlineData("bakery", "no top-level domain")]
    [InlineData("bakery.zzqx", "no such public suffix: 'zzqx'")]
    [InlineData("co.uk", "not registrable: 'co.uk' is a public suffix")]
    [InlineData("com", "no top-level domain")]
    [InlineData("shop.bakery.com", "not registrable: subdomain")]
    [InlineData("bakery.github.io", "not registrable: subdomain")] // github.io is a PRIVATE-section suffix, left out.
    [InlineData("XN--BCKEREI-5WA.DE", "upper-case letters (the lower-case form is valid)")]
    [InlineData("bakery.com.", "trailing dot")]
    [InlineData("bakery..com", "label '': empty label")]
    [InlineData("foo.ck", "not registrable: 'foo.ck' is a public suffix")]
    [InlineData("-bakery.com", "label '-bakery': starts or ends with a hyphen")]
    [InlineData("bak_ery.com", "label 'bak_ery': character '_' not allowed")]
    [InlineData("ab--cd.com", "label 'ab--cd': hyphens in positions 3-4 are reserved for punycode (xn--)")]
    [InlineData("bakery.c0m", "top-level domain 'c0m' is not alphabetic")]
    public void Rejects_with_a_reason(string raw, string reason)
    {
        var result = DomainValidity.Check(raw);
        Assert.False(result.Valid);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Label_of_63_characters_is_valid_and_64_is_not()
    {
        var ok = DomainValidity.Check(new string('a', 63) + ".com");
        var tooLong = DomainValidity.Check(new string('a', 64) + ".com");
        Assert.True(ok.Valid, ok.Reason);
        Assert.False(tooLong.Valid);
        Assert.Equal($"label '{new string('a', 64)}': longer than 63 characters", tooLong.Reason);
    }

    [Fact]
    public void Names_longer_than_253_characters_are_invalid()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 60), 4)) + ".com"; // 4 x 60 + 3 dots + 4
        Assert.Equal(247, name.Length);
        Assert.Equal("not registrable: subdomain", DomainValidity.Check(name).Reason);
        var longer = new string('b', 10) + "." + name;
        Assert.Equal("longer than 253 characters", DomainValidity.Check(longer).Reason);
    }

    [Fact]
    public void Trailing_dot_is_rejected_but_the_name_is_kept()
    {
        var result = DomainValidity.Check("bakery.com.");
        Assert.False(result.Valid);
        Assert.Equal("trailing dot", result.Reason);
        Assert.Equal("bakery.com", result.Domain);
        Assert.Equal("com", result.RegistrableSuffix);
    }

    [Fact]
    public void Upper_case_is_rejected_and_says_whether_the_lower_case_form_is_valid()
    {
        var fixable = DomainValidity.Check("Bakery.COM");
        Assert.False(fixable.Valid);
        Assert.Equal("upper-case letters (the lower-case form is valid)", fixable.Reason);
        Assert.Equal("bakery.com", fixable.Domain);
        var broken = DomainValidity.Check("Shop.Bakery.com");
        Assert.Equal("upper-case letters; not registrable: subdomain", broken.Reason);
    }

    [Fact]
    public void Unicode_names_are_judged_in_punycode()
    {
        var result = DomainValidity.Check("bäckerei.de");
        Assert.True(result.Valid, result.Reason);
        Assert.Equal("xn--bckerei-5wa.de", result.Domain);
        Assert.True(result.IsIdn);
        Assert.Equal("de", result.RegistrableSuffix);
    }

    [Fact]
    public void Unicode_suffixes_of_the_list_are_matched_in_punycode()
    {
        // "公司.cn" is an ICANN rule; a name under it is registrable, the rule itself is not.
        var name = DomainValidity.Check("面包.公司.cn");
        Assert.True(name.Valid, name.Reason);
        Assert.True(name.IsIdn);
        Assert.Equal("xn--55qx5d.cn", name.RegistrableSuffix);
        Assert.Equal("not registrable: 'xn--55qx5d.cn' is a public suffix", DomainValidity.Check("公司.cn").Reason);
    }

    [Fact]
    public void Punycode_labels_must_decode()
    {
        var good = DomainValidity.Check("xn--bckerei-5wa.de");
        Assert.True(good.Valid, good.Reason);
        Assert.True(good.IsIdn);
        var broken = DomainValidity.Check("xn--zz-9999999.com");
        Assert.False(broken.Valid);
        Assert.Equal("label 'xn--zz-9999999': broken punycode", broken.Reason);
        Assert.True(broken.IsIdn);
    }

    [Fact]
    public void Unicode_that_is_no_valid_name_is_rejected()
    {
        var result = DomainValidity.Check("bäck_erei.de");
        Assert.False(result.Valid);
        Assert.Equal("not a valid internationalized name", result.Reason);
        Assert.True(result.IsIdn);
    }
}
