namespace Tailor.Server.Api;

/// <summary>The suggester failed on a request (it threw); the server answers 503 without the failure's details.</summary>
public sealed class SuggesterUnavailableException : Exception
{
    public const string ClientMessage = "The suggester is unavailable right now; try again later.";

    public SuggesterUnavailableException()
        : base(ClientMessage)
    {
    }

    public SuggesterUnavailableException(string message)
        : base(message)
    {
    }

    public SuggesterUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
