namespace Tailor.Engine.Tokenization;

/// <summary>
/// One tokenizer family behind <see cref="TextTokenizer"/>: it owns the ML.Tokenizers object and knows how the
/// files of that family were read. TextTokenizer adds what is common to all (BOS/EOS, special-token decoding).
/// </summary>
internal abstract class TokenizerBackend
{
    /// <summary>Human-readable family name, e.g. "byte-level BPE".</summary>
    public abstract string Kind { get; }

    /// <summary>Added tokens (specials and others), each matched as a whole in the input.</summary>
    public abstract IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>Ids that the model's own post-processing puts before and after every encoded text.</summary>
    public abstract IReadOnlyList<int> DefaultPrefix { get; }

    public abstract IReadOnlyList<int> DefaultSuffix { get; }

    /// <summary>The special tokens the config files name (SentencePiece: else the model's control pieces).</summary>
    public SpecialIds Specials { get; protected init; }

    /// <summary>Largest id in the vocabulary or the added tokens.</summary>
    public abstract int MaxId { get; }

    /// <summary>Encodes text, matching added tokens, without adding BOS/EOS.</summary>
    public abstract void Encode(string text, List<int> ids);

    /// <summary>Decodes ids none of which is an added token.</summary>
    /// <param name="ids">The ids.</param>
    /// <param name="atStart">
    /// Whether the text starts the output. SentencePiece drops the space of its dummy prefix only there.
    /// </param>
    public abstract string Decode(List<int> ids, bool atStart);

    /// <summary>The id of a token given by its text, looking at the vocabulary.</summary>
    public abstract int? VocabularyId(string token);
}
