using Tailor.Engine;

namespace Tailor.Training;

/// <summary>A problem with a recipe, a dataset or a run directory: the message names the file, line or field.</summary>
public class TrainingException : EngineException
{
    public TrainingException(string message) : base(message) { }
    public TrainingException(string message, Exception inner) : base(message, inner) { }
}
