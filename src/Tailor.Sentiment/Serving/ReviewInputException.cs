namespace Tailor.Sentiment.Serving;

/// <summary>A review <see cref="ReviewInput"/> does not accept; the message says why in words a client can act on.</summary>
public sealed class ReviewInputException : Exception
{
    public ReviewInputException()
        : this(ReviewInputProblem.Empty, "empty review")
    {
    }

    public ReviewInputException(string message)
        : this(ReviewInputProblem.Empty, message)
    {
    }

    public ReviewInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReviewInputException(ReviewInputProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public ReviewInputProblem Problem { get; }
}
