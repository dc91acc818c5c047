using System.Text;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// Turns ids arriving one at a time (streaming generation) into text as soon as it is complete. A token can
/// end in the middle of a UTF-8 character (byte-level BPE, SentencePiece byte fallback), and SentencePiece drops
/// the leading space of the first token it decodes, so decoding tokens one by one is wrong. Instead each step
/// decodes a small window that starts one token before the unseen ones and emits only what the new tokens added,
/// holding it back while it still ends in an incomplete character (U+FFFD).
/// </summary>
public sealed class TokenStreamDecoder
{
    private const char Replacement = '\uFFFD';

    private readonly TextTokenizer _tokenizer;
    private readonly bool _skipSpecialTokens;
    private readonly List<int> _ids = [];
    private readonly StringBuilder _text = new();
    private int _prefixOffset;
    private int _readOffset;

    public TokenStreamDecoder(TextTokenizer tokenizer, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _skipSpecialTokens = skipSpecialTokens;
    }

    /// <summary>Everything emitted so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Adds one id and returns the text it completed (empty while a character is still incomplete).</summary>
    public string Push(int id)
    {
        _ids.Add(id);
        var before = Decode(_prefixOffset, _readOffset);
        var after = Decode(_prefixOffset, _ids.Count);
        if (after.Length <= before.Length || after[^1] == Replacement || !after.StartsWith(before, StringComparison.Ordinal))
        {
            return "";
        }
        var delta = after[before.Length..];
        _prefixOffset = _readOffset;
        _readOffset = _ids.Count;
        _text.Append(delta);
        return delta;
    }

    /// <summary>
    /// Returns whatever is still held back, e.g. when generation stops: the bytes of an incomplete character
    /// come out as U+FFFD. Later ids continue from there (after such a character, in a fresh window).
    /// </summary>
    public string Flush()
    {
        var before = Decode(_prefixOffset, _readOffset);
        var after = Decode(_prefixOffset, _ids.Count);
        var delta = after.Length > before.Length && after.StartsWith(before, StringComparison.Ordinal)
            ? after[before.Length..]
            : "";
        // Bytes already given out as U+FFFD must not be part of the next window, or the window's text would no
        // longer start with what was emitted and nothing more would come out.
        var broken = delta.Length > 0 && delta[^1] == Replacement;
        _prefixOffset = broken ? _ids.Count : _readOffset;
        _readOffset = _ids.Count;
        _text.Append(delta);
        return delta;
    }

    /// <summary>Forgets all ids, to start a new sequence.</summary>
    public void Reset()
    {
        _ids.Clear();
        _text.Clear();
        _prefixOffset = 0;
        _readOffset = 0;
    }

    private string Decode(int start, int end) =>
        start == end ? "" : _tokenizer.Decode(_ids.GetRange(start, end - start), _skipSpecialTokens);
}
