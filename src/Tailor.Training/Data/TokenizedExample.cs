namespace Tailor.Training.Data;

/// <summary>
/// One training sequence: token ids and, aligned with them, the labels the loss is computed on.
/// </summary>
/// <remarks>
/// Labels follow the Hugging Face convention: <c>Labels[t]</c> is the id the model should predict at position
/// t, i.e. from the logits at t - 1 (the loss does the shift), or <see cref="IgnoreIndex"/> where nothing is
/// learned (prompt, non-assistant turns, padding). So <c>Labels[0]</c> is never a target.
/// </remarks>
public sealed record TokenizedExample
{
    /// <summary>The label of a position that carries no loss (PyTorch's cross_entropy ignore_index default).</summary>
    public const int IgnoreIndex = -100;

    public TokenizedExample(int[] InputIds, int[] Labels)
    {
        ArgumentNullException.ThrowIfNull(InputIds);
        ArgumentNullException.ThrowIfNull(Labels);
        if (InputIds.Length != Labels.Length)
        {
            throw new ArgumentException($"{InputIds.Length} input ids but {Labels.Length} labels.", nameof(Labels));
        }
        this.InputIds = InputIds;
        this.Labels = Labels;
    }

    public int[] InputIds { get; }

    public int[] Labels { get; }

    public int Length => InputIds.Length;

    /// <summary>How many positions carry a label (are not <see cref="IgnoreIndex"/>).</summary>
    public int LabelCount => Labels.Count(label => label != IgnoreIndex);

    /// <summary>The first <paramref name="maxLength"/> tokens (this example if it is no longer).</summary>
    public TokenizedExample Truncate(int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        return Length <= maxLength ? this : new TokenizedExample(InputIds[..maxLength], Labels[..maxLength]);
    }
}
