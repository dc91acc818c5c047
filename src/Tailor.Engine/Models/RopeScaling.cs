namespace Tailor.Engine.Models;

/// <summary>
/// The <c>rope_scaling</c> block of an HF config. Only the two kinds Llama-family checkpoints we
/// support actually use are accepted: <c>linear</c> (positions divided by a factor) and
/// <c>llama3</c> (Llama-3.1's frequency-dependent interpolation). Anything else is rejected when
/// the config is read, never silently ignored.
/// </summary>
public sealed record RopeScaling(
    string RopeType,
    double Factor,
    double LowFreqFactor = 1.0,
    double HighFreqFactor = 4.0,
    int OriginalMaxPositionEmbeddings = 8192);
