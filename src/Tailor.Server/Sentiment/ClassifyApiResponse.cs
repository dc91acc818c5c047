using System.Text.Json.Serialization;
using Tailor.Sentiment.Serving;

namespace Tailor.Server.Sentiment;

/// <summary>
/// POST /v1/classify's answer: {"results":[{"label","probability"}],"model","status":"success"}, one result per text
/// in request order, the probability being that of the label given; on failure {"results":[],"status":"error","message"}.
/// </summary>
public sealed record ClassifyApiResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<SentimentAnswer> Results,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public const string SuccessStatus = "success";
    public const string ErrorStatus = "error";

    public static ClassifyApiResponse Error(string message) => new([], null, ErrorStatus, message);
}
