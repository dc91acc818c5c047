using System.Text.Json.Serialization;
using Tailor.Domains.Suggestions;

namespace Tailor.Server.Api;

/// <summary>
/// The product's answer: {"suggestions":[{"domain","confidence"}],"status":"success"|"blocked"|"error","message"?}.
/// </summary>
public sealed record SuggestApiResponse(
    [property: JsonPropertyName("suggestions")] IReadOnlyList<DomainSuggestion> Suggestions,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public const string SuccessStatus = "success";
    public const string BlockedStatus = "blocked";
    public const string ErrorStatus = "error";

    public static SuggestApiResponse Error(string message) => new([], ErrorStatus, message);
}
