using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Serving;

namespace Tailor.Sentiment.Tests.Serving;

public sealed class SentimentAnswerTests
{
    [Fact]
    public void The_probability_is_that_of_the_label_given_rounded_to_four_decimals()
    {
        Assert.Equal(new SentimentAnswer("positive", 0.9312), SentimentAnswer.From(new SentimentPrediction(1, 0.93119f)));
        Assert.Equal(new SentimentAnswer("negative", 0.93), SentimentAnswer.From(new SentimentPrediction(0, 0.07f)));
        Assert.Equal(new SentimentAnswer("negative", 0.5), SentimentAnswer.From(SentimentPrediction.FromMargin(0f)));
    }
}
