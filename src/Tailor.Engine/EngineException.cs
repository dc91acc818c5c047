namespace Tailor.Engine;

/// <summary>
/// A problem with user-supplied input to the engine (a config field, a checkpoint file, a prompt):
/// the message names the file or field so the user can fix it.
/// </summary>
public class EngineException : Exception
{
    public EngineException(string message) : base(message) { }
    public EngineException(string message, Exception inner) : base(message, inner) { }
}
