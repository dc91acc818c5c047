using Tailor.Domains;
using Tailor.Engine;

namespace Tailor.Cli.Commands;

/// <summary>
/// Turns the engine's and the data tools' input errors (including readers' <see cref="InvalidDataException"/> for a bad
/// line, which is not an IOException) into one clear line on stderr and exit code 1, never a stack trace.
/// </summary>
internal static class CliErrors
{
    public static int Run(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is EngineException or DomainDataException or IOException or InvalidDataException or UnauthorizedAccessException
            or OperationCanceledException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
