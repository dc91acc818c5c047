namespace Tailor.Engine.Checkpoints;

/// <summary>
/// What <see cref="StateDictLoader.LoadInto"/> did. After a strict load <see cref="MissingKeys"/> and
/// <see cref="UnexpectedKeys"/> are empty; after a non-strict one they say what was skipped, for the caller to report.
/// </summary>
public sealed record StateDictLoadResult(
    IReadOnlyList<string> LoadedKeys,
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> UnexpectedKeys);
