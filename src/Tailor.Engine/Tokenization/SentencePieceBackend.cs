using Microsoft.ML.Tokenizers;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// A SentencePiece model (tokenizer.model: Llama-2, Mistral), run by ML.Tokenizers'
/// <see cref="SentencePieceTokenizer"/> (BPE or Unigram, with byte fallback).
/// </summary>
internal sealed class SentencePieceBackend : TokenizerBackend
{
    public const string FileName = "tokenizer.model";
    public const string KindName = "SentencePiece";

    private readonly SentencePieceTokenizer _sp;
    private readonly List<AddedToken> _addedTokens;
    private readonly IReadOnlyDictionary<string, int> _vocab;
    private readonly HashSet<int> _byteIds;
    private readonly (int Id, string Text)? _sentinel;

    private SentencePieceBackend(SentencePieceTokenizer sp, List<AddedToken> addedTokens, IReadOnlyList<int> prefix, IReadOnlyList<int> suffix)
    {
        _sp = sp;
        _vocab = sp.Vocabulary;
        _addedTokens = addedTokens;
        // Byte-fallback pieces are named <0x00> … <0xFF>.
        _byteIds = sp.ByteFallback
            ? [.. Enumerable.Range(0, 256).Select(b => _vocab.TryGetValue($"<0x{b:X2}>", out var id) ? id : -1).Where(id => id >= 0)]
            : [];
        _sentinel = FindSentinel();
        DefaultPrefix = prefix;
        DefaultSuffix = suffix;
        MaxId = Math.Max(_vocab.Count == 0 ? -1 : _vocab.Values.Max(), addedTokens.Count == 0 ? -1 : addedTokens.Max(t => t.Id));
    }

    public override string Kind => KindName;

    public override IReadOnlyList<AddedToken> AddedTokens => _addedTokens;

    public override IReadOnlyList<int> DefaultPrefix { get; }

    public override IReadOnlyList<int> DefaultSuffix { get; }

    public override int MaxId { get; }

    /// <param name="addedTokens">Added tokens recorded in tokenizer.json next to the model, if any.</param>
    public static SentencePieceBackend Load(string path, TokenizerConfig config, IEnumerable<AddedToken> addedTokens)
    {
        // The package takes the added tokens at creation, but they can only be resolved against the vocabulary,
        // so the model is read twice: once to look tokens up, once for real.
        var plain = Create(path, null);
        var vocab = plain.Vocabulary;
        var added = new AddedTokenTable(FileName, token => vocab.TryGetValue(token, out var id) ? id : null);
        foreach (var token in addedTokens)
        {
            added.Add(token, ByteLevelBpeBackend.FileName);
        }
        foreach (var token in config.AddedTokens)
        {
            added.Add(token, TokenizerConfig.ConfigFile);
        }
        var specials = added.ResolveConfigSpecials(config);
        // Without a config, the model's own control pieces are the specials, as transformers' LlamaTokenizer assumes.
        specials = specials with
        {
            Bos = specials.Bos ?? added.Resolve(ControlPiece(vocab, plain.BeginningOfSentenceToken, plain.BeginningOfSentenceId), FileName, "bos_piece"),
            Eos = specials.Eos ?? added.Resolve(ControlPiece(vocab, plain.EndOfSentenceToken, plain.EndOfSentenceId), FileName, "eos_piece"),
        };
        added.Resolve(ControlPiece(vocab, plain.UnknownToken, plain.UnknownId), FileName, "unk_piece");

        // transformers' LlamaTokenizer adds BOS and not EOS unless tokenizer_config.json says otherwise.
        int[] prefix = specials.Bos is { } bos ? [bos] : [];
        return new SentencePieceBackend(Create(path, added.MatchTable()), [.. added.Tokens], prefix, [])
        {
            Specials = specials,
        };
    }

    // The package reports id 0 for a control piece the model was trained without (bos_id = -1), so a piece
    // counts only if the vocabulary agrees with the reported id.
    private static string? ControlPiece(IReadOnlyDictionary<string, int> vocab, string piece, int id) =>
        vocab.TryGetValue(piece, out var actual) && actual == id ? piece : null;

    private static SentencePieceTokenizer Create(string path, IReadOnlyDictionary<string, int>? specialTokens)
    {
        using var stream = File.OpenRead(path);
        try
        {
            // BOS/EOS are added by TextTokenizer, uniformly for every kind of tokenizer.
            return SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false, specialTokens);
        }
        catch (Exception ex) when (ex is not EngineException)
        {
            // Protobuf's parse errors derive from IOException; anything thrown here is a bad model file.
            throw new EngineException($"{FileName} is not a usable SentencePiece model ({path}): {ex.Message}", ex);
        }
    }

    public override void Encode(string text, List<int> ids) =>
        ids.AddRange(_sp.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false));

    public override string Decode(List<int> ids, bool atStart)
    {
        // Like Google's decoder, the package drops the leading '▁' of the first piece (the dummy prefix), but it
        // also drops it from the first '▁' piece after leading byte-fallback tokens ("!", "▁", "東" gives "!東"
        // where sentencepiece gives "! 東"), and a text that does not start the output keeps its space anyway.
        // In both cases a plain piece is put in front, so that the package's "first piece" is that one, and
        // its text is cut off again.
        if ((atStart && !_byteIds.Contains(ids[0])) || _sentinel is not { } sentinel)
        {
            return _sp.Decode(ids, considerSpecialTokens: false);
        }
        var text = _sp.Decode([sentinel.Id, .. ids], considerSpecialTokens: false);
        return text.StartsWith(sentinel.Text, StringComparison.Ordinal) ? text[sentinel.Text.Length..] : text;
    }

    // A piece that decodes to exactly its own text: no '▁', not a byte, control or added token.
    private (int Id, string Text)? FindSentinel()
    {
        foreach (var (piece, id) in _vocab.OrderBy(p => p.Value))
        {
            if (piece.Length > 0 && !piece.Contains('▁', StringComparison.Ordinal) && piece[0] != '<'
                && !_byteIds.Contains(id) && !_addedTokens.Any(t => t.Id == id)
                && _sp.Decode([id], considerSpecialTokens: false) == piece)
            {
                return (id, piece);
            }
        }
        return null;
    }

    public override int? VocabularyId(string token) => _vocab.TryGetValue(token, out var id) ? id : null;
}
