using Tailor.Sentiment.Ngrams;

namespace Tailor.Sentiment.Tests.Ngrams;

/// <summary>How <see cref="CharNgrams"/> normalizes a review and cuts it into hashed character n-grams.</summary>
public sealed class CharNgramsTests
{
    [Fact]
    public void Text_is_lower_cased_with_one_space_between_words_and_at_both_ends()
    {
        Assert.Equal(" bad movie, really! ", CharNgrams.Normalize("Bad  Movie,<br /><br />\tREALLY!"));
        Assert.Equal(" ", CharNgrams.Normalize(""));
    }

    [Fact]
    public void Keys_are_every_distinct_n_gram_of_the_orders_asked_for()
    {
        // " ab ": 2-grams " a", "ab", "b "; 3-grams " ab", "ab "; the 4-gram " ab ". Nothing longer exists.
        Assert.Equal(6, CharNgrams.Keys("ab", 2, 5).Count);
        Assert.Equal(3, CharNgrams.Keys("ab", 2, 2).Count);
        // " aa aa " repeats every n-gram of " aa " and adds one, "a a": repeats count once.
        Assert.Equal(7, CharNgrams.Keys("aa", 1, 3).Count);
        Assert.Equal(8, CharNgrams.Keys("aa aa", 1, 3).Count);
    }

    [Fact]
    public void Case_spacing_and_markup_do_not_change_the_keys()
    {
        Assert.Equal(CharNgrams.Keys("not bad at all"), CharNgrams.Keys("Not  BAD<br />at\nall"));
        Assert.NotEqual(CharNgrams.Keys("not bad at all"), CharNgrams.Keys("not bad at al"));
    }

    [Fact]
    public void Impossible_orders_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CharNgrams.Keys("text", 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharNgrams.Keys("text", 4, 3));
    }
}
