using Tailor.Sentiment.Serving;

namespace Tailor.Sentiment.Tests.Serving;

public sealed class ReviewInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("\0\u0001 \u007f\u009f")]
    public void Empty_or_junk_only_text_is_refused_as_an_empty_review(string? text)
    {
        var error = Assert.Throws<ReviewInputException>(() => ReviewInput.Accept(text));

        Assert.Equal(ReviewInputProblem.Empty, error.Problem);
        Assert.Equal("empty review", error.Message);
    }

    [Fact]
    public void Control_characters_become_spaces_and_layout_whitespace_stays()
    {
        Assert.Equal("great film\tloved it\r\nten out of ten", ReviewInput.Accept("great\0film\tloved\u001bit\r\nten\u0085out\u007fof ten"));
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character_and_a_pair_is_kept()
    {
        Assert.Equal("bad \uFFFD good \U0001F600", ReviewInput.Accept("bad \uD83D good \U0001F600"));
    }

    [Fact]
    public void Clean_text_comes_back_as_the_same_string()
    {
        const string review = "A moving film, with <br /> tags the tokenizer cleans later.";

        Assert.Same(review, ReviewInput.Accept(review));
    }

    [Fact]
    public void The_limit_counts_characters_and_is_inclusive()
    {
        var atLimit = new string('a', ReviewInput.MaxCharacters);
        Assert.Same(atLimit, ReviewInput.Accept(atLimit));

        var error = Assert.Throws<ReviewInputException>(() => ReviewInput.Accept(atLimit + "a"));
        Assert.Equal(ReviewInputProblem.TooLong, error.Problem);
        Assert.Equal("the review has 100,001 characters; at most 100,000 are accepted", error.Message);

        // An emoji is one character (two UTF-16 units): 100,000 of them are still accepted.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", ReviewInput.MaxCharacters));
        Assert.Equal(emoji.Length, ReviewInput.Accept(emoji).Length);
    }
}
