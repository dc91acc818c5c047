namespace Tailor.Training.Data;

/// <summary>How a data file becomes training examples.</summary>
public sealed record SftDataOptions
{
    /// <summary>
    /// Examples longer than this many tokens are cut to it (their end is lost); null keeps every example whole
    /// (when packing, which cuts the stream into blocks anyway). TRL's default is 1024.
    /// </summary>
    public int? MaxLength { get; init; } = 1024;

    /// <summary>A built-in chat template (<see cref="ChatTemplate.Names"/>) instead of the detected one.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>How a .txt corpus is cut into documents.</summary>
    public TextSampling TextSampling { get; init; } = TextSampling.Line;
}
