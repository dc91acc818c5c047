using Tailor.Sentiment.Ngrams;

namespace Tailor.Sentiment.Tests.Ngrams;

/// <summary>How <see cref="ReviewNgrams"/> cuts a review into words and its words into binarized 1-3-gram keys.</summary>
public sealed class ReviewNgramsTests
{
    [Fact]
    public void Words_are_lower_cased_without_markup_and_keep_marks_and_apostrophes()
    {
        var words = ReviewNgrams.Words("It WASN'T good.<br /><br />Really?! The director's cut, 10/10").ToList();

        Assert.Equal(["it", "wasn't", "good", "really", "?", "!", "the", "director's", "cut", "10", "10"], words);
    }

    [Fact]
    public void The_line_break_markup_leaves_no_word_behind()
    {
        var words = ReviewNgrams.Words("bad<br />movie<br/>plot").ToList();

        Assert.DoesNotContain("br", words);
        Assert.Equal(["bad", "movie", "plot"], words);
    }

    [Fact]
    public void Keys_are_every_1_2_and_3_gram_once()
    {
        // Words 1 2 3 4: unigrams 4, bigrams 3, trigrams 2.
        var keys = ReviewNgrams.Keys([1, 2, 3, 4]);

        Assert.Equal(9, keys.Count);
        Assert.Contains(1L, keys);
        Assert.Contains(1L | (2L << 21), keys);
        Assert.Contains(2L | (3L << 21) | (4L << 42), keys);
    }

    [Fact]
    public void Keys_are_binarized_and_order_matters()
    {
        // "good good good" has one unigram, one bigram and one trigram, each once.
        Assert.Equal(3, ReviewNgrams.Keys([5, 5, 5]).Count);
        // "not good" and "good not" are different phrases.
        var notGood = ReviewNgrams.Keys([7, 8]);
        var goodNot = ReviewNgrams.Keys([8, 7]);
        Assert.Equal(3, notGood.Count);
        Assert.NotEqual(notGood.Single(k => k > ReviewNgrams.MaxWords), goodNot.Single(k => k > ReviewNgrams.MaxWords));
    }

    [Fact]
    public void An_unknown_word_breaks_a_phrase()
    {
        var keys = ReviewNgrams.Keys([1, 0, 2]);

        // Only the two known unigrams: no phrase spans the unknown word, and the unknown word is no feature.
        Assert.Equal([1L, 2L], keys.Order());
    }

    [Fact]
    public void A_lower_max_order_gives_shorter_phrases()
    {
        Assert.Equal(4, ReviewNgrams.Keys([1, 2, 3, 4], maxOrder: 1).Count);
        Assert.Equal(7, ReviewNgrams.Keys([1, 2, 3, 4], maxOrder: 2).Count);
    }
}
