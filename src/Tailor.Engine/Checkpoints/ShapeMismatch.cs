namespace Tailor.Engine.Checkpoints;

/// <summary>A checkpoint tensor whose shape differs from the model tensor of the same name.</summary>
public sealed record ShapeMismatch(string Name, IReadOnlyList<long> Expected, IReadOnlyList<long> Found)
{
    public override string ToString() =>
        $"'{Name}': model expects {TensorInfo.FormatShape(Expected)}, checkpoint has {TensorInfo.FormatShape(Found)}";
}
