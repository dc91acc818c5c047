using System.Diagnostics;
using Tailor.Domains.Data;
using Tailor.Domains.Names;
using Tailor.Domains.Suggestions;
using Xunit.Abstractions;

namespace Tailor.Domains.Tests.Suggestions;

public sealed class KeywordBaselineSuggesterTests(ITestOutputHelper output)
{
    private static readonly KeywordBaselineSuggester Baseline = new();

    public static TheoryData<string> Descriptions { get; } = new()
    {
        "A bakery in Lyon selling sourdough",
        "bakery",
        "AN ORGANIC COFFEE ROASTER AND CAFE IN PORTLAND",
        "Une boulangerie artisanale à Lyon qui vend du pain au levain",
        "Una tienda de bicicletas eléctricas en Sevilla",
        "Ein Café mit veganen Kuchen in München",
        "🍕🍕🍕",
        "東京のラーメン屋",
        "the and of with for",
        "Yoga-studio; 24/7!!! classes @ home -- café & smoothies",
        "A SaaS platform that helps developers monitor cloud costs",
        "An iPhone app for tracking houseplant watering",
        string.Join(' ', Enumerable.Repeat("A family-run pottery studio teaching wheel throwing and glazing to adults.", 42)),
        new string('x', 3000),
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Gives_ten_distinct_valid_names_with_confidence_falling_by_rank(string description)
    {
        var result = KeywordBaselineSuggester.Suggest(new SuggestionRequest(description));

        Assert.Equal(SuggestionStatus.Success, result.Status);
        Assert.Equal(10, result.Suggestions.Count);
        Assert.All(result.Suggestions, s => Assert.True(DomainSyntax.IsValid(s.Domain), $"{s.Domain}: {DomainSyntax.Problem(s.Domain)}"));
        Assert.Equal(10, result.Suggestions.Select(s => s.Domain).Distinct().Count());
        Assert.All(result.Suggestions, s => Assert.InRange(s.Confidence, 0.0, 1.0));
        for (var i = 1; i < 10; i++)
        {
            Assert.True(result.Suggestions[i].Confidence < result.Suggestions[i - 1].Confidence);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(25)]
    [InlineData(100)]
    public void Gives_exactly_the_count_asked_even_from_one_word(int count)
    {
        var result = KeywordBaselineSuggester.Suggest(new SuggestionRequest("bakery") { Count = count });

        Assert.Equal(count, result.Suggestions.Select(s => s.Domain).Distinct().Count());
        Assert.All(result.Suggestions, s => Assert.True(DomainSyntax.IsValid(s.Domain)));
    }

    [Fact]
    public void Names_come_from_the_description_s_keywords()
    {
        var result = KeywordBaselineSuggester.Suggest(new SuggestionRequest("A bakery in Lyon selling sourdough"));
        var domains = result.Suggestions.Select(s => s.Domain).ToList();

        Assert.Equal("bakery.com", domains[0]);
        Assert.All(domains, d => Assert.True(d.Contains("bakery", StringComparison.Ordinal) || d.Contains("sourdough", StringComparison.Ordinal) || d.Contains("lyon", StringComparison.Ordinal), d));
        Assert.Contains(domains, d => d.EndsWith(".shop", StringComparison.Ordinal));
        Assert.Contains(domains, d => d.Contains("sourdough", StringComparison.Ordinal));
    }

    [Fact]
    public void Keywords_are_folded_to_ascii_without_stop_words_most_frequent_first()
    {
        // "café" twice comes first; "Paris", capitalised mid-sentence, after the common words; "Our" opens a sentence.
        Assert.Equal(["cafe", "croissants", "cosy", "paris"], KeywordExtractor.Extract("Le café in Paris offering croissants. Our café is cosy."));
        Assert.Equal(["bakery", "sourdough", "lyon"], KeywordExtractor.Extract("A bakery in Lyon selling sourdough"));
        Assert.Equal(["strasse", "muller"], KeywordExtractor.Extract("Straße Müller"));
        Assert.Empty(KeywordExtractor.Extract("🍕 the and of 42"));
    }

    [Fact]
    public void Same_description_same_answer_and_different_emoji_different_coinages()
    {
        var first = KeywordBaselineSuggester.Suggest(new SuggestionRequest("🌮🌮"));
        var again = KeywordBaselineSuggester.Suggest(new SuggestionRequest("🌮🌮"));
        var other = KeywordBaselineSuggester.Suggest(new SuggestionRequest("🍣"));

        Assert.Equal(first.Suggestions, again.Suggestions);
        Assert.NotEqual(first.Suggestions[0].Domain, other.Suggestions[0].Domain);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    public void Empty_description_is_an_argument_error(string description)
    {
        Assert.Throws<ArgumentException>(() => KeywordBaselineSuggester.Suggest(new SuggestionRequest(description)));
    }

    [Theory]
    [InlineData("an online shop selling c0caine", SafetyCategories.Drugs)]
    [InlineData("an online shop selling c o c a i n e", SafetyCategories.Drugs)]
    [InlineData("a shop selling c.o.c.a.i.n.e and snacks", SafetyCategories.Drugs)]
    [InlineData("a store for crystal m3th", SafetyCategories.Drugs)]
    [InlineData("a webshop selling p0rn videos", SafetyCategories.Sexual)]
    [InlineData("une boutique qui vend de la cocaïne", SafetyCategories.Drugs)]
    [InlineData("a forum spreading h-a-t-e speech", SafetyCategories.Hate)]
    [InlineData("a site recruiting fighters for ISIS", SafetyCategories.Terrorism)]
    [InlineData("a shop selling \u0441\u043Ecaine", SafetyCategories.Drugs)]
    [InlineData("an agency for underage escorts", SafetyCategories.ChildExploitation)]
    public void Blocks_blocklisted_terms_through_disguises(string description, string category)
    {
        var result = KeywordBaselineSuggester.Suggest(new SuggestionRequest(description));

        Assert.Equal(SuggestionStatus.Blocked, result.Status);
        Assert.Equal(category, result.Category);
        Assert.Equal(KeywordBaselineSuggester.RefusalMessage, result.Message);
        Assert.Empty(result.Suggestions);
    }

    [Theory]
    [InlineData("a consultancy in Essex")]
    [InlineData("a plumbing company in Scunthorpe and Middlesex")]
    [InlineData("a teaching method for maths")]
    [InlineData("a bakery selling crackers and cookies")]
    [InlineData("a hardware store")]
    public void Leaves_words_that_merely_contain_a_term_alone(string description)
    {
        Assert.Equal(SuggestionStatus.Success, KeywordBaselineSuggester.Suggest(new SuggestionRequest(description)).Status);
    }

    [Fact]
    public void Is_fast()
    {
        var longDescription = string.Join(' ', Enumerable.Repeat("A family-run pottery studio teaching wheel throwing and glazing.", 48));
        KeywordBaselineSuggester.Suggest(new SuggestionRequest(longDescription));
        var watch = Stopwatch.StartNew();
        const int Calls = 200;
        for (var i = 0; i < Calls; i++)
        {
            KeywordBaselineSuggester.Suggest(new SuggestionRequest(i % 2 == 0 ? longDescription : "A bakery in Lyon selling sourdough " + i));
        }
        output.WriteLine($"{watch.Elapsed.TotalMilliseconds / Calls:F3} ms per call (half of them 3,000 characters long)");
        // Under 1 ms a call on average, with room for a loaded CI machine (the measured mean is far lower).
        Assert.True(watch.Elapsed.TotalMilliseconds / Calls < 3, $"{watch.Elapsed.TotalMilliseconds / Calls:F3} ms per call");
    }
}
