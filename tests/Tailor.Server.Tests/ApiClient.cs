using System.Net;
using System.Text;
using System.Text.Json;

namespace Tailor.Server.Tests;

/// <summary>Raw HTTP calls for the API tests: exactly the bytes and content type given, the answer parsed as JSON.</summary>
internal static class ApiClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        this HttpClient client, string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
