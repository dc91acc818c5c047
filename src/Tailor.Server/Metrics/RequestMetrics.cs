using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tailor.Server.Metrics;

/// <summary>
/// Middleware that counts and times every request under its route template (so label values stay few), or
/// "unmatched" for paths no endpoint serves.
/// </summary>
public static class RequestMetrics
{
    public const string Unmatched = "unmatched";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(metrics);
        var started = Stopwatch.GetTimestamp();
        string? route = null;
        try
        {
            await next(context).ConfigureAwait(false);
            route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        }
        finally
        {
            metrics.RequestCompleted(route ?? Unmatched, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
