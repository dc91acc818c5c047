using System.Collections.Concurrent;
using System.Text;
using Tailor.Engine.Tokenization;

namespace Tailor.Domains.Model;

/// <summary>
/// What the domain constraint knows about a vocabulary for one suffix list and label length: each token's text
/// (decoded once), and, per state of the line being written, which tokens keep the line a valid prefix of
/// <c>label "." suffix</c>. Built once per tokenizer and settings and shared by every request; the per-state masks are
/// computed on first use and cached, so a decoding step costs an array copy plus a few checks.
/// </summary>
/// <remarks>
/// A token is usable only if its text is made of <c>[a-z0-9.-]</c>, or is exactly one new line. Tokens that decode to
/// nothing, to a broken UTF-8 fragment (U+FFFD), to special tokens or to any other character are never allowed. A
/// token's text is read as the text it adds after a plain letter, so tokenizers that mark word starts
/// (SentencePiece's "▁") are read as they decode in the middle of a line.
/// </remarks>
public sealed class DomainVocabulary
{
    private readonly string?[] _text;
    private readonly ConcurrentDictionary<int, LineMask> _masks = new();

    /// <param name="tokenizer">The model's tokenizer; it needs an EOS token.</param>
    /// <param name="modelVocabSize">Rows of the model's output layer (may exceed the tokenizer's vocabulary; extra ids are forbidden).</param>
    /// <param name="suffixes">The allowed suffixes, e.g. "com" or "co.uk"; each must make "example.SUFFIX" registrable.</param>
    /// <param name="maxLabelLength">Longest label before the suffix, 1..63.</param>
    /// <exception cref="ArgumentException">A suffix is not registrable, the list is empty or the length is out of range.</exception>
    /// <exception cref="InvalidOperationException">The tokenizer has no EOS token or no single-character tokens to spell with.</exception>
    public DomainVocabulary(TextTokenizer tokenizer, int modelVocabSize, IReadOnlyList<string> suffixes, int maxLabelLength)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(suffixes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLabelLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLabelLength, Names.DomainSyntax.MaxLabelLength);
        var cleaned = suffixes.Select(s => s.Trim().TrimStart('.').ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (cleaned.Count == 0)
        {
            throw new ArgumentException("at least one allowed suffix is needed", nameof(suffixes));
        }
        foreach (var suffix in cleaned)
        {
            var check = Names.DomainValidity.Check("example." + suffix);
            if (!check.Valid || check.RegistrableSuffix != suffix)
            {
                throw new ArgumentException($"suffix '{suffix}' is not a public suffix under which names can be registered", nameof(suffixes));
            }
        }
        Suffixes = cleaned;
        MaxLabelLength = maxLabelLength;
        Trie = new SuffixTrie(cleaned);
        EosTokenId = tokenizer.EosTokenId ?? throw new InvalidOperationException("the tokenizer has no EOS token: the model could not end its list");
        VocabSize = modelVocabSize;
        _text = ReadTexts(tokenizer, modelVocabSize);
        NewLineTokenIds = [.. Enumerable.Range(0, _text.Length).Where(id => _text[id] == "\n")];
        if (NewLineTokenIds.Count == 0 || "abcdefghijklmnopqrstuvwxyz0123456789.-".Any(c => !_text.Contains(c.ToString())))
        {
            throw new InvalidOperationException("the tokenizer lacks single-character tokens for a-z, 0-9, '.', '-' or new line; constrained decoding could get stuck");
        }
    }

    public IReadOnlyList<string> Suffixes { get; }

    public int MaxLabelLength { get; }

    public int EosTokenId { get; }

    public int VocabSize { get; }

    public IReadOnlyList<int> NewLineTokenIds { get; }

    internal SuffixTrie Trie { get; }

    /// <summary>The text a token adds to a line, or null when the token can never be part of a name list.</summary>
    public string? TokenText(int id) => id >= 0 && id < _text.Length ? _text[id] : null;

    /// <summary>The tokens allowed in a line state, ignoring what depends on the request (earlier names, excluded words).</summary>
    internal LineMask MaskFor(LineState state) => _masks.GetOrAdd(Key(state), _ => BuildMask(state));

    private int Key(LineState state) =>
        state.InSuffix ? (MaxLabelLength + 1) * 2 + state.SuffixNode : state.LabelLength * 2 + (state.EndsWithHyphen ? 1 : 0);

    private LineMask BuildMask(LineState state)
    {
        var labelOnly = new bool[VocabSize];
        var labelOnlyIds = new List<int>();
        var reachingSuffix = new List<SuffixToken>();
        for (var id = 0; id < _text.Length; id++)
        {
            var text = _text[id];
            if (text is null || text == "\n")
            {
                continue;
            }
            var after = Advance(state, text, out var labelAppend);
            if (after is not { } next)
            {
                continue;
            }
            if (next.InSuffix)
            {
                reachingSuffix.Add(new SuffixToken(id, labelAppend, next.SuffixNode));
            }
            else
            {
                labelOnly[id] = true;
                labelOnlyIds.Add(id);
            }
        }
        return new LineMask(labelOnly, [.. labelOnlyIds], [.. reachingSuffix]);
    }

    /// <summary>
    /// The state after typing <paramref name="text"/>, or null when it breaks the label rules (letters, digits, single
    /// inner hyphens, 1..max characters) or leaves the suffix trie. <paramref name="labelAppend"/> is the part of the
    /// text that extends the label.
    /// </summary>
    internal LineState? Advance(LineState state, string text, out string labelAppend)
    {
        var labelChars = 0;
        foreach (var c in text)
        {
            if (state.InSuffix)
            {
                var node = Trie.Next(state.SuffixNode, c);
                if (node < 0)
                {
                    labelAppend = "";
                    return null;
                }
                state = state with { SuffixNode = node };
            }
            else if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                if (state.LabelLength >= MaxLabelLength)
                {
                    labelAppend = "";
                    return null;
                }
                state = state with { LabelLength = state.LabelLength + 1, EndsWithHyphen = false };
                labelChars++;
            }
            else if (c == '-')
            {
                // No leading hyphen, no "--" (which also keeps RFC 5891's reserved "??--" away), and room for a
                // letter after it.
                if (state.LabelLength == 0 || state.EndsWithHyphen || state.LabelLength + 1 >= MaxLabelLength)
                {
                    labelAppend = "";
                    return null;
                }
                state = state with { LabelLength = state.LabelLength + 1, EndsWithHyphen = true };
                labelChars++;
            }
            else if (c == '.' && state.LabelLength > 0 && !state.EndsWithHyphen)
            {
                state = state with { InSuffix = true, SuffixNode = 0 };
            }
            else
            {
                labelAppend = "";
                return null;
            }
        }
        labelAppend = text[..labelChars];
        return state;
    }

    private static string?[] ReadTexts(TextTokenizer tokenizer, int modelVocabSize)
    {
        var texts = new string?[modelVocabSize];
        var anchorIds = tokenizer.Encode("a", addSpecialTokens: false);
        var anchor = anchorIds.Count == 1 ? anchorIds[0] : -1;
        var specials = tokenizer.SpecialTokens.Values.ToHashSet();
        for (var id = 0; id < Math.Min(modelVocabSize, tokenizer.VocabSize); id++)
        {
            if (specials.Contains(id))
            {
                continue;
            }
            var text = anchor >= 0 ? AfterAnchor(tokenizer.Decode([anchor, id])) : tokenizer.Decode([id]);
            texts[id] = text is { Length: > 0 } && text.All(IsNameCharacter) && (text == "\n" || !text.Contains('\n')) ? text : null;
        }
        return texts;
    }

    private static string? AfterAnchor(string decoded) => decoded.StartsWith('a') ? decoded[1..] : null;

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '\n';

    /// <summary>The current line's state after <paramref name="line"/> (text without new lines, valid by construction).</summary>
    internal LineState StateOf(string line)
    {
        var state = LineState.Empty;
        var dot = line.IndexOf('.');
        var label = dot < 0 ? line : line[..dot];
        state = state with { LabelLength = label.Length, EndsWithHyphen = label.EndsWith('-') };
        if (dot >= 0)
        {
            state = state with { InSuffix = true, SuffixNode = Trie.Find(line[(dot + 1)..]) };
        }
        return state;
    }

    /// <summary>The text of generated tokens (all of them allowed ones, so this is exactly what they spell).</summary>
    internal string TextOf(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            text.Append(TokenText(id));
        }
        return text.ToString();
    }
}
