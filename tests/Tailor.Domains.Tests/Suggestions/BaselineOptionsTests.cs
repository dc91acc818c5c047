using Tailor.Domains.Names;
using Tailor.Domains.Suggestions;

namespace Tailor.Domains.Tests.Suggestions;

/// <summary>The baseline honours a request's options: suffixes, length, excluded and included words, style.</summary>
public sealed class BaselineOptionsTests
{
    private const string Bakery = "A bakery in Lyon selling sourdough";

    private static List<string> Names(SuggestionRequest request)
    {
        var result = KeywordBaselineSuggester.Suggest(request);
        Assert.Equal(SuggestionStatus.Success, result.Status);
        return result.Suggestions.Select(s => s.Domain).ToList();
    }

    private static string Label(string domain) => DomainValidity.Check(domain) is { Valid: true } v ? domain[..^(v.RegistrableSuffix!.Length + 1)] : "";

    [Fact]
    public void Every_name_ends_in_a_requested_suffix_taken_in_turn()
    {
        var names = Names(new SuggestionRequest(Bakery) { Tlds = ["io", ".CO.UK"] });

        Assert.Equal(10, names.Count);
        Assert.All(names, n => Assert.True(DomainValidity.Check(n).Valid, n));
        Assert.All(names, n => Assert.Matches(@"^[a-z0-9-]+\.(io|co\.uk)$", n));
        Assert.Equal("bakery.io", names[0]);
        Assert.Equal(10, names.Distinct().Count());
        Assert.Contains(names, n => n.EndsWith(".co.uk", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("github.io")]
    [InlineData("co.uk.com")]
    public void A_suffix_no_name_can_be_registered_under_is_an_argument_error(string tld)
    {
        var error = Assert.Throws<ArgumentException>(() => KeywordBaselineSuggester.Suggest(new SuggestionRequest(Bakery) { Tlds = [tld] }));

        Assert.Contains($"'{tld}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(10)]
    public void No_label_is_longer_than_the_limit_and_ten_still_come_out(int maxLength)
    {
        var names = Names(new SuggestionRequest(Bakery) { MaxLength = maxLength });

        Assert.Equal(10, names.Count);
        Assert.All(names, n => Assert.InRange(Label(n).Length, 1, maxLength));
        // Only the one-label fallbacks carry digits; at 6 and more the keywords' own forms are enough.
        if (maxLength >= 6)
        {
            Assert.All(names, n => Assert.DoesNotMatch("[0-9]", n));
        }
    }

    [Fact]
    public void A_one_character_limit_gives_what_fits_and_no_more()
    {
        var names = Names(new SuggestionRequest(Bakery) { MaxLength = 1, Tlds = ["com"], Count = 20 });

        Assert.All(names, n => Assert.Equal(1, Label(n).Length));
        Assert.InRange(names.Count, 1, 19);
    }

    [Fact]
    public void Short_style_caps_labels_at_eight_even_with_a_longer_limit()
    {
        var names = Names(new SuggestionRequest("An organic coffee roastery and bakery in Portland") { Style = NameStyle.Short, MaxLength = 20 });

        Assert.Equal(10, names.Count);
        Assert.All(names, n => Assert.InRange(Label(n).Length, 1, SuggestionRequest.ShortLabelLength));
        Assert.Contains(names, n => Label(n) == "coffee");
    }

    [Fact]
    public void Excluded_words_appear_in_no_label_whatever_the_case()
    {
        var names = Names(new SuggestionRequest(Bakery) { Exclude = ["Bakery", "get"] });

        Assert.Equal(10, names.Count);
        Assert.All(names, n => Assert.DoesNotContain("bakery", n, StringComparison.Ordinal));
        Assert.All(names, n => Assert.DoesNotContain("get", n, StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("sourdough", StringComparison.Ordinal));
    }

    [Fact]
    public void Excluding_every_keyword_falls_back_to_coinages_without_them()
    {
        var names = Names(new SuggestionRequest("bakery") { Exclude = ["bakery"] });

        Assert.Equal(10, names.Count);
        Assert.All(names, n => Assert.DoesNotContain("bakery", n, StringComparison.Ordinal));
    }

    [Fact]
    public void Included_words_lead_alone_and_in_compounds_with_the_keywords()
    {
        var names = Names(new SuggestionRequest(Bakery) { Include = ["Levain"] });

        Assert.Equal("levain.com", names[0]);
        Assert.Contains(names.Take(5), n => n.StartsWith("levainbakery.", StringComparison.Ordinal));
        // Every name with the word comes before every name without it.
        var with = names.Select(n => n.Contains("levain", StringComparison.Ordinal)).ToList();
        Assert.True(with.Count(w => w) >= 5, string.Join(", ", names));
        Assert.Equal(with.OrderByDescending(w => w), with);
    }

    [Fact]
    public void Included_words_are_folded_to_ascii()
    {
        var names = Names(new SuggestionRequest(Bakery) { Include = ["Café"] });

        Assert.Equal("cafe.com", names[0]);
    }

    [Fact]
    public void Keyword_style_ranks_plain_words_and_compounds_before_modified_forms()
    {
        var brandable = Names(new SuggestionRequest(Bakery) { Style = NameStyle.Brandable });
        var keyword = Names(new SuggestionRequest(Bakery) { Style = NameStyle.Keyword });
        var plain = KeywordExtractor.Extract(Bakery).Take(4).ToList();

        bool IsPlain(string name) => plain.Any(a => Label(name) == a || plain.Any(b => a != b && Label(name) == a + b));

        // The words alone and every ordered pair: that many plain labels exist before any modified form is needed.
        var plainCount = Math.Min(10, plain.Count * plain.Count);
        Assert.True(plainCount >= 9, string.Join(", ", plain));
        Assert.Equal(Names(new SuggestionRequest(Bakery)), brandable);
        Assert.NotEqual(brandable, keyword);
        Assert.All(keyword.Take(plainCount), n => Assert.True(IsPlain(n), n));
        Assert.Contains(brandable.Take(plainCount), n => !IsPlain(n));
    }

    [Fact]
    public void The_options_together_and_the_same_request_gives_the_same_names()
    {
        var request = new SuggestionRequest("An organic coffee shop in downtown Portland with vegan pastries")
        {
            Tlds = ["com", "shop"],
            MaxLength = 12,
            Style = NameStyle.Keyword,
            Include = ["bean"],
            Exclude = ["vegan"],
            Language = "en",
            Count = 15,
        };

        var names = Names(request);

        Assert.Equal(15, names.Count);
        Assert.All(names, n => Assert.Matches(@"^[a-z0-9-]{1,12}\.(com|shop)$", n));
        Assert.All(names, n => Assert.DoesNotContain("vegan", n, StringComparison.Ordinal));
        Assert.StartsWith("bean", names[0], StringComparison.Ordinal);
        Assert.Equal(names, Names(request));
        var constraints = NameConstraints.For(request);
        Assert.All(names, n => Assert.Null(constraints.Problem(n)));
    }

    [Fact]
    public void An_unsafe_included_word_gets_the_request_blocked()
    {
        var result = KeywordBaselineSuggester.Suggest(new SuggestionRequest(Bakery) { Include = ["cocaine"] });

        Assert.Equal(SuggestionStatus.Blocked, result.Status);
    }

    [Fact]
    public void Constraints_name_what_a_domain_breaks()
    {
        var constraints = NameConstraints.For(new SuggestionRequest("x") { Tlds = ["com"], MaxLength = 6, Exclude = ["get"] });

        Assert.Null(constraints.Problem("bakery.com"));
        Assert.Contains("not under .com", constraints.Problem("bakery.io"), StringComparison.Ordinal);
        Assert.Contains("longer than 6", constraints.Problem("bakeryhq.com"), StringComparison.Ordinal);
        Assert.Contains("'get'", constraints.Problem("getbak.com"), StringComparison.Ordinal);
        Assert.Contains("not a valid registrable domain", constraints.Problem("shop.bakery.com"), StringComparison.Ordinal);
        Assert.False(NameConstraints.For(new SuggestionRequest("x")).Restricts);
        Assert.Equal(8, NameConstraints.For(new SuggestionRequest("x") { Style = NameStyle.Short }).MaxLength);
    }
}
