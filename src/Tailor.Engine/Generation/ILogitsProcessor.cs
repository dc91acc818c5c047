using static TorchSharp.torch;

namespace Tailor.Engine.Generation;

/// <summary>
/// Edits next-token scores before a token is chosen: the hook for repetition penalties, sampling
/// filters and constrained decoding (e.g. only valid domain-name characters).
/// </summary>
public interface ILogitsProcessor
{
    /// <param name="generated">Per row, the tokens generated so far (prompt excluded). Rows follow the
    /// logits: under beam search a row is a beam, and beams are reordered between steps, so a processor
    /// derives any state it needs from this history rather than keeping it per row.</param>
    /// <param name="prompts">Per row, the prompt's tokens.</param>
    /// <param name="logits">[rows, vocab] float32 scores; return them edited (in place is fine) or new ones.
    /// Set a score to negative infinity to forbid a token.</param>
    Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits);
}
