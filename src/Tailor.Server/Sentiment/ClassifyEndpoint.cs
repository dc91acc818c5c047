using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tailor.Sentiment.Serving;
using Tailor.Server.Api;

namespace Tailor.Server.Sentiment;

/// <summary>
/// POST /v1/classify: movie reviews in, a sentiment label and its probability per review out
/// (<see cref="ClassifyApiResponse"/>). Every failure the client can cause is a 4xx with
/// {"results":[],"status":"error","message"} (<see cref="ClassifyRequestParser"/>); no model, or a model that
/// throws, is a 503 in the same shape.
/// </summary>
public static partial class ClassifyEndpoint
{
    public const string Route = "/v1/classify";

    public const string FailedMessage = "The sentiment model failed on this request; try again later.";

    public static async Task HandleAsync(HttpContext context, SentimentHost host, ServerOptions options, ILogger<SentimentHost> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var aborted = context.RequestAborted;
        int status;
        ClassifyApiResponse response;
        try
        {
            IReadOnlyList<string> reviews;
            using (var body = await JsonBodyReader.ReadObjectAsync(context.Request, options.MaxClassifyBodyBytes, aborted).ConfigureAwait(false))
            {
                reviews = ClassifyRequestParser.Parse(body.RootElement, options);
            }
            if (host.UnavailableReason is { } reason)
            {
                (status, response) = (StatusCodes.Status503ServiceUnavailable, ClassifyApiResponse.Error(reason));
            }
            else
            {
                (status, response) = await ClassifyAsync(host, reviews, logger, aborted).ConfigureAwait(false);
            }
        }
        catch (ApiRequestException e)
        {
            (status, response) = (e.Status, ClassifyApiResponse.Error(e.Message));
        }
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(response, ServerJson.Options, aborted).ConfigureAwait(false);
    }

    private static async Task<(int Status, ClassifyApiResponse Response)> ClassifyAsync(
        SentimentHost host, IReadOnlyList<string> reviews, ILogger logger, CancellationToken aborted)
    {
        try
        {
            var predictions = await host.ClassifyAsync(reviews, aborted).ConfigureAwait(false);
            return (StatusCodes.Status200OK,
                new ClassifyApiResponse([.. predictions.Select(SentimentAnswer.From)], host.ModelName, ClassifyApiResponse.SuccessStatus));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the model throws, the client gets a 503 and the log gets the details.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogModelFailed(logger, e);
            return (StatusCodes.Status503ServiceUnavailable, ClassifyApiResponse.Error(FailedMessage));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The sentiment model failed")]
    private static partial void LogModelFailed(ILogger logger, Exception exception);
}
