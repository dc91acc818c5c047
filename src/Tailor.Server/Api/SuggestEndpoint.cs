using Microsoft.AspNetCore.Http;
using Tailor.Domains.Suggestions;

namespace Tailor.Server.Api;

/// <summary>
/// POST /v1/suggest: a business description (and options) in, ranked domains or a refusal out. The options travel in
/// the <see cref="SuggestionRequest"/> to the suggester, which honours them; <see cref="SuggestionOptionsCheck"/>
/// backs up the hard ones. Every failure the client can cause is a 4xx with {"status":"error","message"}; a failing
/// suggester is a 503 in the same shape.
/// </summary>
public static class SuggestEndpoint
{
    public const string Route = "/v1/suggest";

    public static async Task HandleAsync(HttpContext context, SuggestionService service, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        var aborted = context.RequestAborted;
        int status;
        SuggestApiResponse response;
        try
        {
            SuggestionRequest request;
            using (var body = await JsonBodyReader.ReadObjectAsync(context.Request, options.MaxBodyBytes, aborted).ConfigureAwait(false))
            {
                request = SuggestRequestParser.Parse(body.RootElement, options);
            }
            var result = await service.SuggestAsync(request, aborted).ConfigureAwait(false);
            (status, response) = (StatusCodes.Status200OK, ToResponse(result, request));
        }
        catch (ApiRequestException e)
        {
            (status, response) = (e.Status, SuggestApiResponse.Error(e.Message));
        }
        catch (SuggesterUnavailableException e)
        {
            (status, response) = (StatusCodes.Status503ServiceUnavailable, SuggestApiResponse.Error(e.Message));
        }
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(response, ServerJson.Options, aborted).ConfigureAwait(false);
    }

    private static SuggestApiResponse ToResponse(SuggestionResult result, SuggestionRequest request)
    {
        if (result.Status == SuggestionStatus.Blocked)
        {
            return new SuggestApiResponse([], SuggestApiResponse.BlockedStatus, result.Message ?? KeywordBaselineSuggester.RefusalMessage);
        }
        var kept = SuggestionOptionsCheck.Apply(result.Suggestions, request);
        var note = kept.Count < request.Count
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"only {kept.Count} of the {request.Count} names asked for met the request's options.")
            : null;
        return new SuggestApiResponse(kept, SuggestApiResponse.SuccessStatus, note);
    }
}
