using System.ClientModel;
using System.Globalization;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// What a failed request to the teacher endpoint means: worth retrying (rate limits, server errors, timeouts,
/// broken connections), possibly after the wait the endpoint asked for, or final, with a message a person can act on.
/// </summary>
internal sealed record TeacherFailure(bool Retryable, TimeSpan? RetryAfter, string Description)
{
    /// <summary>The failure <paramref name="error"/> stands for, or null when it is not an endpoint failure at all.</summary>
    public static TeacherFailure? Classify(Exception error) => error switch
    {
        ClientResultException http => FromStatus(http),
        HttpRequestException or IOException => new(true, null, $"transport error: {error.Message}"),
        TimeoutException or OperationCanceledException => new(true, null, "the request timed out"),
        _ => null,
    };

    private static TeacherFailure FromStatus(ClientResultException error)
    {
        var status = error.Status;
        var retryAfter = RetryAfterOf(error);
        return status switch
        {
            // The SDK reports a request that got no response (connection refused or reset) as status 0.
            0 => new(true, null, $"transport error: {error.Message}"),
            408 or 409 or 429 => new(true, retryAfter, $"{Name(status)} ({status})"),
            >= 500 => new(true, retryAfter, $"server error ({status})"),
            401 => new(false, null, "the endpoint refused the API key (401); check the key or its environment variable"),
            403 => new(false, null, $"the endpoint denied access (403): {error.Message}"),
            404 => new(false, null, $"the endpoint or model was not found (404); check the base URL (it usually ends in /v1) and the model name: {error.Message}"),
            400 => new(false, null, $"the endpoint rejected the request (400); if it cannot do structured output, try JSON-object or no structured output: {error.Message}"),
            _ => new(false, null, $"the endpoint answered {status}: {error.Message}"),
        };
    }

    private static string Name(int status) => status switch
    {
        408 => "request timeout",
        409 => "conflict",
        _ => "rate limited",
    };

    /// <summary>The wait the endpoint asked for: OpenAI's "retry-after-ms", else the standard Retry-After (seconds or a date).</summary>
    private static TimeSpan? RetryAfterOf(ClientResultException error)
    {
        var headers = error.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }
        if (headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        if (!headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            var wait = when - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
