using System.Net.Mime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Domains.Suggestions;
using Tailor.Server.Api;
using Tailor.Server.Batching;
using Tailor.Server.Chat;
using Tailor.Server.Metrics;
using Tailor.Server.Sentiment;
using Tailor.Server.Web;

namespace Tailor.Server;

/// <summary>
/// The domain suggester as a web application: POST /v1/suggest (the product API), POST /v1/chat/completions
/// (OpenAI-compatible), POST /v1/classify (review sentiment, when a sentiment model is there), GET /healthz, GET /metrics (Prometheus text) and the web page at /. Requests from all clients
/// are batched for the suggester (<see cref="SuggestionBatcher"/>). The CLI and the tests host the same app.
/// </summary>
public static partial class SuggestionServer
{
    /// <summary>The app for <paramref name="suggester"/>; a plain suggester gets its batches run concurrently.</summary>
    public static WebApplication Build(ServerOptions options, IDomainSuggester suggester)
    {
        ArgumentNullException.ThrowIfNull(suggester);
        return Build(options, ConcurrentBatchSuggester.For(suggester), suggester.Settings);
    }

    /// <summary>The app for a suggester that batches itself.</summary>
    public static WebApplication Build(ServerOptions options, IBatchDomainSuggester suggester, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(suggester);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        builder.Logging.SetMinimumLevel(options.RequestLogging ? LogLevel.Information : LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SuggesterIdentity(suggester.Name, settings ?? new Dictionary<string, string>()));
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(provider =>
        {
            var metrics = provider.GetRequiredService<ServerMetrics>();
            return new SuggestionBatcher(suggester, options.MaxBatch, options.BatchWindow, options.MaxConcurrentBatches, metrics.BatchRan);
        });
        services.AddSingleton<SuggestionService>();
        services.AddSingleton(provider => SentimentHost.Load(options.SentimentModelDir, provider.GetRequiredService<ILogger<SentimentHost>>()));

        var app = builder.Build();
        var serverMetrics = app.Services.GetRequiredService<ServerMetrics>();
        // The sentiment model loads now, not on the first request (which would wait seconds for it).
        app.Services.GetRequiredService<SentimentHost>();
        app.Use((context, next) => RequestMetrics.InvokeAsync(context, next, serverMetrics));
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleUnexpectedAsync });
        app.UseStatusCodePages(WriteEmptyStatusAsync);
        app.UseRouting();

        app.MapPost(SuggestEndpoint.Route, SuggestEndpoint.HandleAsync);
        app.MapPost(ChatCompletionEndpoint.Route, ChatCompletionEndpoint.HandleAsync);
        app.MapPost(ClassifyEndpoint.Route, ClassifyEndpoint.HandleAsync);
        app.MapGet("/healthz", (SuggesterIdentity identity, SentimentHost sentiment) => Results.Json(
            new { status = "ok", suggester = identity.Name, settings = identity.Settings, sentiment_model = sentiment.ModelName }, ServerJson.Options));
        app.MapGet("/metrics", (ServerMetrics metrics) => Results.Text(metrics.Exporter.Render(), PrometheusTextExporter.ContentType));
        foreach (var (file, asset) in WebAssets.Files)
        {
            app.MapGet(file == "index.html" ? "/" : "/" + file, () => Results.Bytes(asset.Bytes, asset.ContentType));
        }
        return app;
    }

    /// <summary>
    /// The last line of defence: an exception no endpoint handled. Malformed HTTP keeps its 4xx; anything else is a
    /// bug here, answered 500 with a fixed message (the details go to the log, never to the client).
    /// </summary>
    private static async Task HandleUnexpectedAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, message) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            ApiRequestException api => (api.Status, api.Message),
            SuggesterUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, unavailable.Message),
            _ => (StatusCodes.Status500InternalServerError, "The server failed on this request."),
        };
        if (status >= 500 && error is not null)
        {
            LogUnexpected(context.RequestServices.GetRequiredService<ILogger<WebApplication>>(), error);
        }
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(SuggestApiResponse.Error(message), ServerJson.Options).ConfigureAwait(false);
    }

    /// <summary>Bodies for the statuses routing answers without one (404, 405).</summary>
    private static async Task WriteEmptyStatusAsync(StatusCodeContext status)
    {
        var response = status.HttpContext.Response;
        var message = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "No such endpoint; see POST /v1/suggest, POST /v1/chat/completions, POST /v1/classify, GET /healthz, GET /metrics.",
            StatusCodes.Status405MethodNotAllowed => "This endpoint does not take that method.",
            _ => "The request failed.",
        };
        response.ContentType = MediaTypeNames.Application.Json;
        await response.WriteAsJsonAsync(SuggestApiResponse.Error(message), ServerJson.Options).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
