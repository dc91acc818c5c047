namespace Tailor.Engine.Tokenization;

/// <summary>
/// A token that is matched verbatim in the input before the model's own tokenization runs (Hugging Face's
/// "added token"): chat markers, BOS/EOS and the like. <see cref="Special"/> tokens are the ones that
/// <c>Decode(..., skipSpecialTokens: true)</c> leaves out; non-special added tokens are always decoded.
/// </summary>
internal readonly record struct AddedToken(string Content, int Id, bool Special);
