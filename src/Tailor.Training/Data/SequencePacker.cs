namespace Tailor.Training.Data;

/// <summary>
/// Packing as TRL's classic ConstantLengthDataset does it: examples are laid end to end, in dataset order, and
/// the stream is cut into blocks of a fixed length, so no position is padding.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An example that does not already end with the separator (EOS) is followed by one, labelled -100: it
/// marks the document boundary without teaching anything the example did not ask for.</item>
/// <item>Examples are cut wherever the block ends and go on in the next block; every label is kept.</item>
/// <item>Attention is not masked between the documents of a block and positions run 0..length-1 across them
/// (cross-document attention, as classic packing allows): cheap, and harmless in practice.</item>
/// <item>The last block holds what is left and may be shorter; it is the only one padded in its batch.</item>
/// </list>
/// </remarks>
internal static class SequencePacker
{
    public static List<TokenizedExample> Pack(IReadOnlyList<TokenizedExample> examples, int blockLength, int? separatorId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockLength, 2);
        var blocks = new List<TokenizedExample>();
        var ids = new List<int>(blockLength);
        var labels = new List<int>(blockLength);
        foreach (var example in examples)
        {
            for (var i = 0; i < example.Length; i++)
            {
                Append(example.InputIds[i], example.Labels[i]);
            }
            if (separatorId is { } separator && (example.Length == 0 || example.InputIds[^1] != separator))
            {
                Append(separator, TokenizedExample.IgnoreIndex);
            }
        }
        if (ids.Count > 0)
        {
            blocks.Add(new TokenizedExample([.. ids], [.. labels]));
        }
        return blocks;

        void Append(int id, int label)
        {
            ids.Add(id);
            labels.Add(label);
            if (ids.Count == blockLength)
            {
                blocks.Add(new TokenizedExample([.. ids], [.. labels]));
                ids.Clear();
                labels.Clear();
            }
        }
    }
}
