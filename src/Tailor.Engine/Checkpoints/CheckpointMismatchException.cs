using System.Text;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// A checkpoint that does not fit a model. It carries every problem at once, so that one failed load
/// tells the user everything to fix (typically: a wrong config, or a checkpoint of another architecture)
/// instead of one key per attempt.
/// </summary>
public sealed class CheckpointMismatchException : EngineException
{
    public CheckpointMismatchException(
        string checkpoint,
        IReadOnlyList<string> missingKeys,
        IReadOnlyList<string> unexpectedKeys,
        IReadOnlyList<ShapeMismatch> shapeMismatches)
        : base(Describe(checkpoint, missingKeys, unexpectedKeys, shapeMismatches))
    {
        Checkpoint = checkpoint;
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        ShapeMismatches = shapeMismatches;
    }

    /// <summary>The checkpoint's file or directory, as the caller named it.</summary>
    public string Checkpoint { get; }

    /// <summary>Model tensors the checkpoint lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>Checkpoint tensors the model has no place for.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    public IReadOnlyList<ShapeMismatch> ShapeMismatches { get; }

    private static string Describe(
        string checkpoint,
        IReadOnlyList<string> missing,
        IReadOnlyList<string> unexpected,
        IReadOnlyList<ShapeMismatch> mismatches)
    {
        var text = new StringBuilder();
        text.Append(checkpoint).Append(": checkpoint does not match the model: ")
            .Append(Count(missing.Count, "missing key")).Append(", ")
            .Append(Count(unexpected.Count, "unexpected key")).Append(", ")
            .Append(Count(mismatches.Count, "shape mismatch", "shape mismatches"));
        foreach (var name in missing)
        {
            text.AppendLine().Append("  missing: '").Append(name).Append('\'');
        }
        foreach (var name in unexpected)
        {
            text.AppendLine().Append("  unexpected: '").Append(name).Append('\'');
        }
        foreach (var mismatch in mismatches)
        {
            text.AppendLine().Append("  shape mismatch: ").Append(mismatch);
        }
        return text.ToString();
    }

    private static string Count(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";
}
