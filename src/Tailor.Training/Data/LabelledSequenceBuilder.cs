using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>
/// Builds a <see cref="TokenizedExample"/> piece by piece: each piece of text is encoded on its own (never
/// together with its neighbours) and its ids are appended, labelled or not. Encoding pieces apart is what makes
/// the prompt/completion boundary exact: no token can straddle it, so every label belongs to one side.
/// </summary>
/// <remarks>
/// SentencePiece models (Llama-2, Mistral) put a dummy-prefix space in front of every text they encode. A piece
/// that does not start the sequence and begins with a space has that space dropped, so that " Paris" after a
/// prompt encodes as "▁Paris" (as it would inside one text), not "▁▁Paris".
/// </remarks>
internal sealed class LabelledSequenceBuilder(TextTokenizer tokenizer)
{
    private readonly List<int> _ids = [];
    private readonly List<int> _labels = [];
    private readonly bool _dummyPrefix = tokenizer.Kind == TextTokenizer.SentencePieceKind;

    public int Count => _ids.Count;

    /// <summary>The last id appended, or null when nothing was.</summary>
    public int? LastId => _ids.Count == 0 ? null : _ids[^1];

    /// <summary>Encodes <paramref name="text"/> (special tokens written in it become their ids) and appends it.</summary>
    public void AddText(string text, bool trained)
    {
        if (_dummyPrefix && _ids.Count > 0 && text.StartsWith(' '))
        {
            text = text[1..];
        }
        if (text.Length == 0)
        {
            return;
        }
        foreach (var id in tokenizer.Encode(text, addSpecialTokens: false))
        {
            AddToken(id, trained);
        }
    }

    public void AddTokens(IEnumerable<int> ids, bool trained)
    {
        foreach (var id in ids)
        {
            AddToken(id, trained);
        }
    }

    public void AddToken(int id, bool trained)
    {
        _ids.Add(id);
        _labels.Add(trained ? id : TokenizedExample.IgnoreIndex);
    }

    /// <summary>The sequence so far. Position 0 is never labelled: no earlier position predicts it.</summary>
    public TokenizedExample Build()
    {
        if (_labels.Count > 0)
        {
            _labels[0] = TokenizedExample.IgnoreIndex;
        }
        return new TokenizedExample([.. _ids], [.. _labels]);
    }
}
