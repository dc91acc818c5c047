using Microsoft.AspNetCore.Http;

namespace Tailor.Server.Api;

/// <summary>
/// A request the server will not pass on, with the HTTP status that says why (400 malformed, 413 too large,
/// 415 not JSON, 422 well-formed but unacceptable) and a message for the client.
/// </summary>
public sealed class ApiRequestException : Exception
{
    public ApiRequestException()
        : this("bad request")
    {
    }

    public ApiRequestException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ApiRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
    }

    public ApiRequestException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    public int Status { get; }

    public static ApiRequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiRequestException Unprocessable(string message) => new(StatusCodes.Status422UnprocessableEntity, message);
}
