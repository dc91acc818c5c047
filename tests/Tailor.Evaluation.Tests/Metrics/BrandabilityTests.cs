using Tailor.Evaluation.Metrics;

namespace Tailor.Evaluation.Tests.Metrics;

public class BrandabilityTests
{
    [Fact]
    public void Short_pronounceable_dot_com_beats_digits_and_hyphens()
    {
        var good = Brandability.Score("zentro.com");
        var bad = Brandability.Score("x9-k2-q.biz");
        Assert.True(good.Score > bad.Score + 0.3, $"{good.Score} vs {bad.Score}");
        Assert.InRange(good.Score, 0, 1);
        Assert.InRange(bad.Score, 0, 1);
    }

    [Fact]
    public void Parts_of_a_known_name_match_the_formula()
    {
        var score = Brandability.Score("zentro.com");
        Assert.Equal(6, score.LabelLength);
        Assert.Equal(1, score.LengthFit);
        Assert.Equal(1, score.Cleanliness);
        Assert.Equal(0.75, score.Pronounceability, 6); // "ntr": three consonants in a row, vowel ratio 2/6 is fine.
        Assert.Equal(0.5, score.DictionaryShare, 6);   // "zen" + unknown "tro".
        Assert.Equal(1, score.TopLevelFit);
        Assert.Equal((0.25 * 1) + (0.15 * 1) + (0.25 * 0.75) + (0.2 * 0.5) + (0.15 * 1), score.Score, 9);
    }

    [Fact]
    public void Digits_and_hyphens_lower_cleanliness()
    {
        var score = Brandability.Score("x9-k2-q.biz");
        Assert.Equal(0.75 * 0.75 * 0.6 * 0.6, score.Cleanliness, 9);
        Assert.Equal(0.6, score.TopLevelFit);
        Assert.Equal(0, score.Pronounceability); // no vowel at all: the vowel-ratio factor is 1 - 4 x 0.25 = 0.
    }

    [Theory]
    [InlineData(1, 0.2)]
    [InlineData(4, 0.8)]
    [InlineData(5, 1)]
    [InlineData(12, 1)]
    [InlineData(18, 0.5)]
    [InlineData(30, 0)]
    public void Length_fit_peaks_between_5_and_12(int length, double fit)
    {
        Assert.Equal(fit, Brandability.LengthFit(length), 9);
    }

    [Fact]
    public void Top_level_fit_prefers_com()
    {
        Assert.True(Brandability.Score("breadly.com").Score > Brandability.Score("breadly.io").Score);
        Assert.True(Brandability.Score("breadly.io").Score > Brandability.Score("breadly.shop").Score);
        Assert.True(Brandability.Score("breadly.shop").Score > Brandability.Score("breadly.accountants").Score);
    }

    [Fact]
    public void Internationalized_names_are_scored_in_unicode_not_punycode()
    {
        var score = Brandability.Score("xn--bckerei-5wa.de");
        Assert.Equal(8, score.LabelLength); // "bäckerei", not the 15 characters of its punycode.
        Assert.Equal(1, score.Cleanliness);
        Assert.Equal(score, Brandability.Score("bäckerei.de"));
    }
}
