using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Tailor.Server.Api;

/// <summary>
/// Reads a request body as one JSON object within a size limit: 415 unless the content type is JSON, 413 when the
/// body is larger than the limit (by Content-Length, or while reading a chunked body), 400 when it is not JSON or not
/// an object.
/// </summary>
public static class JsonBodyReader
{
    /// <exception cref="ApiRequestException">The body is not an acceptable JSON object.</exception>
    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            throw new ApiRequestException(StatusCodes.Status415UnsupportedMediaType,
                $"the body must be JSON (Content-Type: application/json), not '{request.ContentType ?? "none"}'.");
        }
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = maxBytes;
        }
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        if (body.Length == 0)
        {
            throw ApiRequestException.BadRequest("the body is empty; send a JSON object.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException e)
        {
            throw ApiRequestException.BadRequest($"the body is not valid JSON: {e.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiRequestException.BadRequest("the body must be a JSON object.");
        }
        return document;
    }

    private static ApiRequestException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {maxBytes} bytes.");

    /// <summary>application/json or application/*+json, any parameters (charset).</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
}
