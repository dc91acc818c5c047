using Tailor.Domains.Names;
using Tailor.Domains.Synthesis;
using Tailor.Domains.Synthesis.Naming;
using static Tailor.Domains.Tests.Offline.OfflineSample;

namespace Tailor.Domains.Tests.Offline;

public sealed class ReferenceNamerTests
{
    public static TheoryData<NamingStyle, string[], string?> OddInputs()
    {
        var data = new TheoryData<NamingStyle, string[], string?>();
        string[][] keywordSets =
        [
            [],
            ["café", "Straße"],
            [new string('x', 200), "supercalifragilisticexpialidocious"],
            ["!!!", "   ", "---"],
            ["a"],
            ["bread"],
            ["東京", "寿司"],
            ["sourdough bread", "custom cakes", "Lyon", "bread", "loaf", "crumb", "oven", "dough", "flour"],
        ];
        foreach (var style in Enum.GetValues<NamingStyle>())
        {
            foreach (var keywords in keywordSets)
            {
                data.Add(style, keywords, null);
            }
            data.Add(style, ["bread"], "Zentrix Labs, Inc.");
            data.Add(style, [], "東京");
            data.Add(style, ["bread"], "A Very Long Company Name That Goes On And On GmbH");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void Returns_exactly_count_distinct_valid_short_names(NamingStyle style, string[] keywords, string? company)
    {
        foreach (var count in new[] { 1, 10, 25 })
        {
            var names = ReferenceNamer.Name(new NamingRequest(keywords, ["io", "com"], company, style, count), new Random(3));

            Assert.Equal(count, names.Count);
            Assert.Equal(count, names.Distinct(StringComparer.Ordinal).Count());
            Assert.All(names, n => Assert.Null(DomainSyntax.Problem(n)));
            var limit = style == NamingStyle.Shortest ? ReferenceNamer.ShortLabelLength : ReferenceNamer.MaxLabelLength;
            Assert.All(names, n => Assert.InRange(Label(n).Length, 3, limit));
        }
    }

    [Fact]
    public void Zero_count_gives_an_empty_list()
    {
        Assert.Empty(ReferenceNamer.Name(new NamingRequest(["bread"], ["com"], Count: 0), new Random(1)));
    }

    [Fact]
    public void Accented_keywords_are_folded_into_the_names()
    {
        var names = ReferenceNamer.Name(new NamingRequest(["café", "Straße"], ["de"], Style: NamingStyle.Keyword), new Random(1));

        Assert.Contains(names, n => n.Contains("cafe", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("strasse", StringComparison.Ordinal));
    }

    [Fact]
    public void Tlds_come_from_the_request_and_the_best_name_takes_the_first()
    {
        var names = ReferenceNamer.Name(new NamingRequest(["bread", "crumb"], [".SHOP", "", "com", "bad tld"]), new Random(5));

        Assert.EndsWith(".shop", names[0], StringComparison.Ordinal);
        Assert.All(names, n => Assert.True(Tld(n) is "shop" or "com", n));
    }

    [Fact]
    public void No_tlds_fall_back_to_com()
    {
        var names = ReferenceNamer.Name(new NamingRequest(["bread"], []), new Random(5));

        Assert.All(names, n => Assert.EndsWith(".com", n, StringComparison.Ordinal));
    }

    [Fact]
    public void Keyword_style_leads_with_keyword_compounds()
    {
        var words = new[] { "bread", "crumb", "oven" };
        var names = ReferenceNamer.Name(new NamingRequest(words, ["com"], Style: NamingStyle.Keyword), new Random(2));

        Assert.All(names.Take(3), n => Assert.Contains(words, w => n.Contains(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void Brandable_style_leads_with_invented_names_more_often_than_keyword_style()
    {
        var words = new[] { "sourdough", "pastry", "oven", "crumb" };
        var plainWords = words.Concat(["get", "try", "use", "my", "go", "hey", "the", "join", "hq", "app", "hub", "labs", "ly", "ify", "co", "works", "now"]).ToArray();
        int Plain(NamingStyle style) => Enumerable.Range(0, 50)
            .Select(seed => ReferenceNamer.Name(new NamingRequest(words, ["com"], Style: style), new Random(seed)))
            .Sum(names => names.Take(3).Count(n => IsMadeOf(Label(n), plainWords)));

        Assert.True(Plain(NamingStyle.Brandable) < Plain(NamingStyle.Keyword) / 2,
            $"brandable {Plain(NamingStyle.Brandable)} vs keyword {Plain(NamingStyle.Keyword)} plain names in the top 3");
    }

    [Fact]
    public void Shortest_style_keeps_every_label_to_eight_letters()
    {
        var names = ReferenceNamer.Name(
            new NamingRequest(["photography", "wedding", "portraits"], ["studio"], Style: NamingStyle.Shortest), new Random(9));

        Assert.All(names, n => Assert.True(Label(n).Length <= 8, n));
    }

    [Fact]
    public void A_given_company_name_leads_the_list()
    {
        var names = ReferenceNamer.Name(new NamingRequest(["bread", "oven"], ["com"], "Zentrix"), new Random(4));

        Assert.StartsWith("zentrix", names[0], StringComparison.Ordinal);
        Assert.True(names.Count(n => n.Contains("zentrix", StringComparison.Ordinal)) >= 2);
        Assert.Contains(names, n => !n.Contains("zentrix", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_random_seed_gives_the_same_names()
    {
        var request = new NamingRequest(["bread", "crumb", "oven"], ["shop", "com", "co"]);

        Assert.Equal(ReferenceNamer.Name(request, new Random(11)), ReferenceNamer.Name(request, new Random(11)));
        Assert.NotEqual(ReferenceNamer.Name(request, new Random(11)), ReferenceNamer.Name(request, new Random(12)));
    }

    [Fact]
    public void A_list_mixes_strategies()
    {
        var names = ReferenceNamer.Name(new NamingRequest(["bread", "crumb", "oven", "loaf"], ["com"]), new Random(1));

        // At most 40% of the list from one strategy: no more than 4 plain two-keyword compounds.
        var compounds = names.Count(n => IsMadeOf(Label(n), ["bread", "crumb", "oven", "loaf"]));
        Assert.InRange(compounds, 0, 4);
    }

    [Theory]
    [InlineData("pixel", "elegant", "pixelegant")]
    [InlineData("sourdough", "oven", "souroven")]
    [InlineData("bread", "oven", null)]
    public void Blend_merges_on_overlaps_and_syllables(string first, string second, string? expected)
    {
        Assert.Equal(expected, NameStrategies.Blend(first, second));
    }

    [Theory]
    [InlineData("café", "cafe")]
    [InlineData("Straße", "strasse")]
    [InlineData("Köln!", "koln")]
    [InlineData("Crème Brûlée", "cremebrulee")]
    [InlineData("東京", "")]
    public void Fold_keeps_lowercase_ascii_letters_and_digits(string text, string expected)
    {
        Assert.Equal(expected, NameWords.Fold(text));
    }

    [Fact]
    public void Awkward_labels_score_as_awkward()
    {
        Assert.Equal(0, Syllables.Awkwardness("lumora"));
        Assert.True(Syllables.Awkwardness("strngths") >= 2);
    }

    private static bool IsMadeOf(string label, IReadOnlyList<string> parts)
    {
        if (label.Length == 0)
        {
            return true;
        }
        return parts.Any(p => label.StartsWith(p, StringComparison.Ordinal) && IsMadeOf(label[p.Length..], parts));
    }
}
