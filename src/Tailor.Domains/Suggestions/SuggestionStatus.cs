namespace Tailor.Domains.Suggestions;

/// <summary>Whether a request was answered with names or refused.</summary>
public enum SuggestionStatus
{
    Success,
    Blocked,
}
