using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tailor.Sentiment.Serving;
using Tailor.Server.Api;

namespace Tailor.Server.Sentiment;

/// <summary>
/// Checks a POST /v1/classify body: exactly one of <c>"text"</c> (a string) or <c>"texts"</c> (an array of 1 to
/// <see cref="ServerOptions.MaxClassifyTexts"/> strings). Wrong JSON types, unknown fields, both or neither field are
/// 400; an empty review (after <see cref="ReviewInput"/>'s cleaning) or an empty or over-full "texts" is 422; a review
/// over <see cref="ReviewInput.MaxCharacters"/> is 413. Messages name the offending field (<c>texts[3]</c>).
/// </summary>
public static class ClassifyRequestParser
{
    public const string TextField = "text";
    public const string TextsField = "texts";

    /// <summary>The accepted (cleaned) reviews, in order.</summary>
    /// <exception cref="ApiRequestException">The body is not an acceptable request.</exception>
    public static IReadOnlyList<string> Parse(JsonElement body, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not (TextField or TextsField))
            {
                throw ApiRequestException.BadRequest($"unknown field '{property.Name}'; accepted fields: {TextField} or {TextsField}.");
            }
        }
        var hasText = body.TryGetProperty(TextField, out var text);
        var hasTexts = body.TryGetProperty(TextsField, out var texts);
        if (hasText == hasTexts)
        {
            throw ApiRequestException.BadRequest($"send either \"{TextField}\": \"review\" or \"{TextsField}\": [\"review\", ...], not {(hasText ? "both" : "neither")}.");
        }
        if (hasText)
        {
            return [Review(text, TextField)];
        }
        if (texts.ValueKind != JsonValueKind.Array)
        {
            throw ApiRequestException.BadRequest($"'{TextsField}' must be an array of strings, not {Kind(texts)}.");
        }
        var count = texts.GetArrayLength();
        if (count == 0)
        {
            throw ApiRequestException.Unprocessable($"'{TextsField}' is empty; send at least one review.");
        }
        if (count > options.MaxClassifyTexts)
        {
            throw ApiRequestException.Unprocessable(string.Create(CultureInfo.InvariantCulture,
                $"'{TextsField}' has {count} reviews; at most {options.MaxClassifyTexts} are accepted per request."));
        }
        return [.. texts.EnumerateArray().Select((item, i) => Review(item, string.Create(CultureInfo.InvariantCulture, $"{TextsField}[{i}]")))];
    }

    private static string Review(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiRequestException.BadRequest($"'{field}' must be a string, not {Kind(value)}.");
        }
        try
        {
            return ReviewInput.Accept(value.GetString());
        }
        catch (ReviewInputException e)
        {
            var status = e.Problem == ReviewInputProblem.TooLong ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity;
            throw new ApiRequestException(status, $"'{field}': {e.Message}.");
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
