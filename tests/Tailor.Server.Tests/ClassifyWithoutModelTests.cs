using System.Net;

namespace Tailor.Server.Tests;

/// <summary>Without a usable sentiment model, POST /v1/classify is a 503 that says why, and the suggester still answers.</summary>
public sealed class ClassifyWithoutModelTests
{
    [Fact]
    public async Task A_missing_model_folder_is_503_and_suggest_still_works()
    {
        using var folder = new TempDirectory();
        var missing = folder.File("no-such-model");
        await using var server = await RunningServer.StartAsync(options: new ServerOptions { SentimentModelDir = missing });

        var (status, body) = await server.Client.PostAsync("/v1/classify", ApiClient.Json(new { text = "A fine film." }));
        var (suggestStatus, _) = await server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = "a coffee roastery" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal($"No sentiment model at '{missing}' (start the server with --sentiment-model DIR).", body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, suggestStatus);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_model_is_503_naming_the_folder_and_what_it_lacks()
    {
        using var folder = new TempDirectory();
        folder.Write("config.json", "{}");
        await using var server = await RunningServer.StartAsync(options: new ServerOptions { SentimentModelDir = folder.Path });

        var (status, body) = await server.Client.PostAsync("/v1/classify", ApiClient.Json(new { text = "A fine film." }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var message = body.GetProperty("message").GetString()!;
        Assert.Contains(folder.Path, message, StringComparison.Ordinal);
        Assert.Contains("missing model.safetensors, vocab.txt", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_are_still_4xx_without_a_model()
    {
        using var folder = new TempDirectory();
        await using var server = await RunningServer.StartAsync(options: new ServerOptions { SentimentModelDir = folder.File("none") });

        var (status, _) = await server.Client.PostAsync("/v1/classify", """{"text":""}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
    }
}
