using Tailor.Evaluation.Metrics;

namespace Tailor.Evaluation.Tests.Metrics;

public class RelevanceTests
{
    private const string Bakery = "An artisan bakery in Lyon selling fresh sourdough bread and pastries.";

    [Theory]
    [InlineData("bakeries", "bak")]
    [InlineData("bakery", "bak")]
    [InlineData("baker", "bak")]
    [InlineData("baking", "bak")]
    [InlineData("baked", "bak")]
    [InlineData("breads", "bread")]
    [InlineData("running", "run")]
    [InlineData("boxes", "box")]
    [InlineData("class", "class")]
    [InlineData("lawyers", "law")]
    [InlineData("car", "car")]
    public void Stemmer_strips_common_endings(string word, string stem)
    {
        Assert.Equal(stem, LiteStemmer.Stem(word));
    }

    [Fact]
    public void Description_words_in_the_name_score_one()
    {
        var score = Relevance.Score(Bakery, "breadly.com");
        Assert.Equal(1, score.Score);
        Assert.Equal(["bread", "ly"], score.DomainWords);
        Assert.Equal(["bread"], score.Matched);
    }

    [Fact]
    public void Unrelated_names_score_zero_and_rank_below_related_ones()
    {
        var related = Relevance.Score(Bakery, "breadly.com").Score;
        var unrelated = Relevance.Score(Bakery, "carparts.io");
        Assert.Equal(0, unrelated.Score);
        Assert.Empty(unrelated.Matched);
        Assert.True(related > unrelated.Score);
        Assert.Equal(1, Relevance.Score(Bakery, "bakerylyon.fr").Score);
        // Adding an unrelated word halves the score; adding a modifier does not change it.
        Assert.Equal(0.5, Relevance.Score(Bakery, "breadparts.com").Score);
        Assert.Equal(1, Relevance.Score(Bakery, "getbread.com").Score);
    }

    [Fact]
    public void Synonyms_count_as_matches()
    {
        Assert.Equal(1, Relevance.Score("A family bakery with cakes", "breadhouse.com").Score * 2);
        Assert.Equal(1, Relevance.Score("We repair cars and vans", "autofix.com").Score * 2);
        Assert.Equal(1, Relevance.Score("A small legal practice for tenants", "lawyerly.com").Score);
    }

    [Fact]
    public void A_shared_prefix_of_four_letters_earns_half()
    {
        // "sourdough" vs "sourly": common prefix "sour" (4 letters).
        var score = Relevance.Score(Bakery, "sourbox.com");
        Assert.Equal(["sour", "box"], score.DomainWords);
        Assert.Equal(0.5, score.Score);
    }

    [Fact]
    public void Meaningful_top_level_labels_count_and_generic_ones_do_not()
    {
        Assert.Equal(0.5, Relevance.Score("Pizza by the slice", "tonys.pizza").Score);
        Assert.Equal(0, Relevance.Score("Pizza by the slice", "tonys.com").Score);
    }

    [Fact]
    public void A_name_with_only_modifiers_scores_zero()
    {
        Assert.Equal(0, Relevance.Score(Bakery, "gethq.com").Score);
    }

    [Fact]
    public void Punycode_names_are_compared_in_unicode()
    {
        var unicode = Relevance.Score("Eine Bäckerei in Berlin", "bäckerei.de");
        var punycode = Relevance.Score("Eine Bäckerei in Berlin", "xn--bckerei-5wa.de");
        Assert.Equal(["bäckerei"], unicode.DomainWords);
        Assert.Equal(1, unicode.Score);
        Assert.Equal(unicode.Score, punycode.Score);
        Assert.Equal(unicode.DomainWords, punycode.DomainWords);
    }
}
