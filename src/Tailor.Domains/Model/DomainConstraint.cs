using Tailor.Domains.Names;
using Tailor.Engine.Generation;
using static TorchSharp.torch;

namespace Tailor.Domains.Model;

/// <summary>
/// Constrained decoding for name lists: at every step only tokens that keep the output a valid prefix of
/// <c>count</c> distinct names, one per line, each <c>label "." suffix</c> with an allowed suffix, are left; so every
/// finished output is valid by construction, whatever the model's weights.
/// </summary>
/// <remarks>
/// Rules per line: the label is letters, digits and single inner hyphens, 1..max characters; the suffix is typed
/// along the suffix trie; a new line is allowed only when the line is a whole name that is registrable, not excluded
/// and not an earlier line; EOS only once <c>count</c> names are complete (right after the last name, or after a new
/// line that follows it), and after <c>count</c> names nothing but EOS. A token that would lead into a line that can
/// no longer be finished (its label already used with every suffix still reachable, or an excluded word) is
/// forbidden too, so decoding never gets stuck. State is rebuilt from each row's tokens, as the engine asks.
/// </remarks>
public sealed class DomainConstraint : ILogitsProcessor
{
    private readonly DomainVocabulary _vocabulary;
    private readonly string[] _excluded;
    private readonly Dictionary<string, bool> _registrable = new(StringComparer.Ordinal);

    /// <param name="count">How many names the output must hold.</param>
    /// <param name="excludeWords">Names whose label contains one of these (lower-cased, letters/digits/hyphens kept) are never written.</param>
    public DomainConstraint(DomainVocabulary vocabulary, int count, IEnumerable<string>? excludeWords = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _vocabulary = vocabulary;
        Count = count;
        _excluded = [.. (excludeWords ?? []).Select(CleanWord).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    public int Count { get; }

    /// <summary>The most tokens a finished output can take (one character per token at worst), for max_new_tokens.</summary>
    public int MaxTokens => Count * (_vocabulary.MaxLabelLength + 1 + _vocabulary.Suffixes.Max(s => s.Length) + 1);

    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(logits);
        var rows = generated.Count;
        var vocab = (int)logits.shape[1];
        if (vocab != _vocabulary.VocabSize)
        {
            throw new ArgumentException($"logits have {vocab} columns but the vocabulary was built for {_vocabulary.VocabSize}", nameof(logits));
        }
        var allowed = new bool[rows * vocab];
        for (var row = 0; row < rows; row++)
        {
            Allow(generated[row], allowed.AsSpan(row * vocab, vocab));
        }
        using var scope = NewDisposeScope();
        var forbidden = tensor(allowed, [rows, vocab]).to(logits.device).logical_not_();
        return logits.masked_fill_(forbidden, float.NegativeInfinity);
    }

    /// <summary>Marks in <paramref name="allowed"/> the tokens that may follow <paramref name="generated"/>.</summary>
    internal void Allow(IReadOnlyList<int> generated, Span<bool> allowed)
    {
        var lines = _vocabulary.TextOf(generated).Split(DomainPromptFormat.NameSeparator);
        var earlier = lines.Length - 1;
        if (earlier >= Count)
        {
            allowed[_vocabulary.EosTokenId] = true;
            return;
        }
        var used = lines[..^1].ToHashSet(StringComparer.Ordinal);
        var line = lines[^1];
        var state = _vocabulary.StateOf(line);
        var dot = line.IndexOf('.');
        var label = dot < 0 ? line : line[..dot];
        var mask = _vocabulary.MaskFor(state);

        if (_excluded.Length == 0)
        {
            mask.LabelOnly.CopyTo(allowed);
        }
        else
        {
            foreach (var id in mask.LabelOnlyIds)
            {
                allowed[id] = !IsExcluded(label + _vocabulary.TokenText(id));
            }
        }
        foreach (var token in mask.ReachingSuffix)
        {
            var newLabel = token.LabelAppend.Length == 0 ? label : label + token.LabelAppend;
            allowed[token.Id] = !IsExcluded(newLabel) && CanFinish(newLabel, token.Node, used);
        }

        if (state.InSuffix && _vocabulary.Trie.SuffixAt(state.SuffixNode) is { } suffix && IsAcceptable(label, suffix, used))
        {
            foreach (var id in _vocabulary.NewLineTokenIds)
            {
                allowed[id] = true;
            }
            if (earlier + 1 == Count)
            {
                allowed[_vocabulary.EosTokenId] = true;
            }
        }
    }

    private bool CanFinish(string label, int node, HashSet<string> used)
    {
        foreach (var suffix in _vocabulary.Trie.Below(node))
        {
            if (IsAcceptable(label, suffix, used))
            {
                return true;
            }
        }
        return false;
    }

    private bool IsAcceptable(string label, string suffix, HashSet<string> used)
    {
        var name = label + "." + suffix;
        return !used.Contains(name) && !IsExcluded(label) && IsRegistrable(name);
    }

    /// <summary>Syntax is guaranteed by the masks; this catches names that are themselves public suffixes ("com.ai").</summary>
    private bool IsRegistrable(string name)
    {
        if (!_registrable.TryGetValue(name, out var registrable))
        {
            registrable = DomainValidity.Check(name).Valid;
            _registrable[name] = registrable;
        }
        return registrable;
    }

    private bool IsExcluded(string label)
    {
        foreach (var word in _excluded)
        {
            if (label.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string CleanWord(string word) =>
        new([.. word.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')]);
}
