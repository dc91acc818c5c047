namespace Tailor.Engine.Tokenization;

/// <summary>Ids of the beginning-of-sequence, end-of-sequence and padding tokens, where the tokenizer has them.</summary>
internal readonly record struct SpecialIds(int? Bos, int? Eos, int? Pad);
