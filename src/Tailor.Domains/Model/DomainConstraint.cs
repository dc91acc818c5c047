using Tailor.Domains.Names;
using Tailor.Engine.Generation;
using static TorchSharp.torch;

namespace Tailor.Domains.Model;

/// <summary>
/// Constrained decoding for name lists: at every step only tokens that keep each row a valid prefix of its request's
/// number of distinct names, one per line, each <c>label "." suffix</c> with an allowed suffix, are left; so every
/// finished output is valid by construction, whatever the model's weights.
/// </summary>
/// <remarks>
/// Rows come in groups of <see cref="RowsPerPrompt"/> per prompt (the engine's layout for samples), each prompt with
/// its own <see cref="NameListRules"/>, so one batch can serve requests with different suffixes, lengths and excluded
/// words. Rules per line: the label is letters, digits and single inner hyphens, 1..max characters; the suffix is
/// typed along the suffix trie; a new line is allowed only when the line is a whole name that is registrable, not
/// excluded, not taken, not an earlier line of the row and not a name another row of the same prompt has finished (so
/// the rows of one request spend their steps on different names; only a row that siblings have left no way out may
/// repeat a sibling's name); EOS only once the row's names are complete, and
/// after that nothing but EOS. A token that would lead into a line that can no longer be finished (its label already
/// used with every suffix still reachable, or an excluded word) is forbidden too, so decoding never gets stuck. State
/// is rebuilt from each row's tokens, as the engine asks.
/// </remarks>
public sealed class DomainConstraint : ILogitsProcessor
{
    private readonly IReadOnlyList<NameListRules> _rules;
    private readonly Dictionary<string, bool> _registrable = new(StringComparer.Ordinal);
    private readonly bool _sameRulesForEveryRow;

    /// <summary>The same rules for every row of any batch, each row on its own: <paramref name="count"/> names per row.</summary>
    /// <param name="excludeWords">Names whose label contains one of these (lower-cased, letters/digits/hyphens kept) are never written.</param>
    public DomainConstraint(DomainVocabulary vocabulary, int count, IEnumerable<string>? excludeWords = null)
        : this([new NameListRules(vocabulary, count, Clean(excludeWords), new HashSet<string>(StringComparer.Ordinal))], 1)
    {
        _sameRulesForEveryRow = true;
    }

    /// <param name="rulesPerPrompt">The rules of each prompt, in the engine's prompt order.</param>
    /// <param name="rowsPerPrompt">Rows decoded per prompt (consecutive rows, as the engine lays out samples).</param>
    public DomainConstraint(IReadOnlyList<NameListRules> rulesPerPrompt, int rowsPerPrompt)
    {
        ArgumentNullException.ThrowIfNull(rulesPerPrompt);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPrompt, 1);
        if (rulesPerPrompt.Count == 0)
        {
            throw new ArgumentException("at least one prompt's rules are needed", nameof(rulesPerPrompt));
        }
        foreach (var rules in rulesPerPrompt)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rules.Names, 1, nameof(rulesPerPrompt));
            if (rules.Vocabulary.VocabSize != rulesPerPrompt[0].Vocabulary.VocabSize)
            {
                throw new ArgumentException("every prompt's vocabulary must be built for the same model", nameof(rulesPerPrompt));
            }
        }
        _rules = rulesPerPrompt;
        RowsPerPrompt = rowsPerPrompt;
    }

    public int RowsPerPrompt { get; }

    /// <summary>The most tokens a row can need: max_new_tokens for the whole batch.</summary>
    public int MaxTokens => _rules.Max(r => r.MaxTokens);

    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(logits);
        var rows = generated.Count;
        var vocab = (int)logits.shape[1];
        if (vocab != _rules[0].Vocabulary.VocabSize)
        {
            throw new ArgumentException($"logits have {vocab} columns but the vocabulary was built for {_rules[0].Vocabulary.VocabSize}", nameof(logits));
        }
        var groups = _sameRulesForEveryRow ? rows : _rules.Count;
        if (rows != groups * RowsPerPrompt)
        {
            throw new ArgumentException($"{rows} rows but {_rules.Count} prompts x {RowsPerPrompt} rows were announced", nameof(generated));
        }
        NameListRules RulesOf(int prompt) => _sameRulesForEveryRow ? _rules[0] : _rules[prompt];
        var lines = generated.Select((g, row) => RulesOf(row / RowsPerPrompt).Vocabulary.TextOf(g).Split(DomainPromptFormat.NameSeparator)).ToArray();
        var allowed = new bool[rows * vocab];
        for (var prompt = 0; prompt < groups; prompt++)
        {
            // Names any row of this prompt has finished: a row may not write what a sibling already wrote.
            var finished = new HashSet<string>(RulesOf(prompt).TakenNames, StringComparer.Ordinal);
            for (var row = prompt * RowsPerPrompt; row < (prompt + 1) * RowsPerPrompt; row++)
            {
                finished.UnionWith(lines[row][..^1]);
            }
            for (var row = prompt * RowsPerPrompt; row < (prompt + 1) * RowsPerPrompt; row++)
            {
                var span = allowed.AsSpan(row * vocab, vocab);
                Allow(RulesOf(prompt), lines[row], finished, span);
                if (RowsPerPrompt > 1 && !span.Contains(true))
                {
                    // Siblings finished every name this row's line could still become, after the row committed to
                    // it: the row may then repeat one (the ranking drops repeats) rather than be stuck.
                    var own = new HashSet<string>(lines[row][..^1].Concat(RulesOf(prompt).TakenNames), StringComparer.Ordinal);
                    Allow(RulesOf(prompt), lines[row], own, span);
                }
            }
        }
        using var scope = NewDisposeScope();
        var forbidden = tensor(allowed, [rows, vocab]).to(logits.device).logical_not_();
        return logits.masked_fill_(forbidden, float.NegativeInfinity);
    }

    /// <summary>Marks in <paramref name="allowed"/> the tokens that may follow <paramref name="generated"/>, a row alone under the first prompt's rules.</summary>
    internal void Allow(IReadOnlyList<int> generated, Span<bool> allowed)
    {
        var rules = _rules[0];
        var lines = rules.Vocabulary.TextOf(generated).Split(DomainPromptFormat.NameSeparator);
        Allow(rules, lines, new HashSet<string>(lines[..^1].Concat(rules.TakenNames), StringComparer.Ordinal), allowed);
    }

    /// <summary>Marks the tokens that may follow a row whose text split at new lines is <paramref name="lines"/>.</summary>
    private void Allow(NameListRules rules, string[] lines, HashSet<string> used, Span<bool> allowed)
    {
        var vocabulary = rules.Vocabulary;
        var earlier = lines.Length - 1;
        if (earlier >= rules.Names)
        {
            allowed[vocabulary.EosTokenId] = true;
            return;
        }
        var line = lines[^1];
        var state = vocabulary.StateOf(line);
        var dot = line.IndexOf('.');
        var label = dot < 0 ? line : line[..dot];
        var mask = vocabulary.MaskFor(state);

        if (rules.ExcludeWords.Count == 0)
        {
            mask.LabelOnly.CopyTo(allowed);
        }
        else
        {
            foreach (var id in mask.LabelOnlyIds)
            {
                allowed[id] = !IsExcluded(rules, label + vocabulary.TokenText(id));
            }
        }
        foreach (var token in mask.ReachingSuffix)
        {
            var newLabel = token.LabelAppend.Length == 0 ? label : label + token.LabelAppend;
            allowed[token.Id] = !IsExcluded(rules, newLabel) && CanFinish(rules, newLabel, token.Node, used);
        }

        if (state.InSuffix && vocabulary.Trie.SuffixAt(state.SuffixNode) is { } suffix && IsAcceptable(rules, label, suffix, used))
        {
            foreach (var id in vocabulary.NewLineTokenIds)
            {
                allowed[id] = true;
            }
            if (earlier + 1 == rules.Names)
            {
                allowed[vocabulary.EosTokenId] = true;
            }
        }
    }

    private bool CanFinish(NameListRules rules, string label, int node, HashSet<string> used)
    {
        foreach (var suffix in rules.Vocabulary.Trie.Below(node))
        {
            if (IsAcceptable(rules, label, suffix, used))
            {
                return true;
            }
        }
        return false;
    }

    private bool IsAcceptable(NameListRules rules, string label, string suffix, HashSet<string> used)
    {
        var name = label + "." + suffix;
        return !used.Contains(name) && !IsExcluded(rules, label) && IsRegistrable(name);
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

    private static bool IsExcluded(NameListRules rules, string label)
    {
        foreach (var word in rules.ExcludeWords)
        {
            if (label.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string[] Clean(IEnumerable<string>? words) =>
        [.. (words ?? []).Select(NameListRules.CleanWord).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
}
