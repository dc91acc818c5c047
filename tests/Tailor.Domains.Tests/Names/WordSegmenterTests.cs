using Tailor.Domains.Names;

namespace Tailor.Domains.Tests.Names;

public class WordSegmenterTests
{
    [Theory]
    [InlineData("getfreshbread", "get fresh bread")]
    [InlineData("bakerylyon", "bakery lyon")]
    [InlineData("carparts", "car parts")]
    [InlineData("breadly", "bread ly")]
    [InlineData("bakeryhq", "bakery hq")]
    [InlineData("smartlawyerai", "smart lawyer ai")]
    [InlineData("pineapple", "pineapple")]
    [InlineData("bakeshop", "bake shop")]
    [InlineData("therapistnearme", "therapist near me")]
    [InlineData("bakery24-7", "bakery 24 7")]
    [InlineData("GetFreshBread", "get fresh bread")]
    public void Splits_labels_into_words(string label, string expected)
    {
        Assert.Equal(expected, string.Join(' ', WordSegmenter.Default.Words(label)));
    }

    [Fact]
    public void Unknown_chunks_are_kept_and_marked()
    {
        var segments = WordSegmenter.Default.Segment("bakeryzzqx");
        Assert.Equal([new WordSegment("bakery", true), new WordSegment("zzqx", false)], segments);
        Assert.Equal([new WordSegment("2024", false)], WordSegmenter.Default.Segment("2024"));
    }

    [Fact]
    public void A_custom_dictionary_changes_the_split()
    {
        var segmenter = new WordSegmenter(["car", "carp", "arts", "parts"]);
        // Costs 1 - 0.01 n^2: "car parts" 0.91 + 0.75 = 1.66 beats "carp arts" 0.84 + 0.84 = 1.68.
        Assert.Equal(["car", "parts"], segmenter.Words("carparts"));
        Assert.Equal(["zz", "car"], segmenter.Words("zzcar"));
        Assert.True(segmenter.With(["paypal"]).IsWord("paypal"));
    }

    [Fact]
    public void Shipped_list_is_large_but_bounded()
    {
        Assert.InRange(WordSegmenter.Default.WordCount, 60_000, 90_000);
        Assert.True(WordSegmenter.Default.IsWord("bakery"));
        Assert.True(WordSegmenter.Default.IsWord("saas"));
        Assert.False(WordSegmenter.Default.IsWord("xq"));
    }
}
