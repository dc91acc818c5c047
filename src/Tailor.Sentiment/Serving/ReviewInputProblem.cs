namespace Tailor.Sentiment.Serving;

/// <summary>Why <see cref="ReviewInput"/> refused a review (the server answers each with its own status).</summary>
public enum ReviewInputProblem
{
    /// <summary>No text, or only whitespace and control characters.</summary>
    Empty,

    /// <summary>More than <see cref="ReviewInput.MaxCharacters"/> characters.</summary>
    TooLong,
}
