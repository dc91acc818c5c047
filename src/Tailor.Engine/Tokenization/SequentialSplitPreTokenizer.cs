using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// HF's Sequence of Split pre-tokenizers: special tokens are cut out first, then every regex splits each
/// piece that the previous one produced. ML.Tokenizers' CompositePreTokenizer does something else: a later
/// pre-tokenizer only sees the text that the earlier ones did not match, which with covering regexes is none.
/// </summary>
internal sealed class SequentialSplitPreTokenizer : PreTokenizer
{
    private readonly IReadOnlyList<Regex> _stages;
    private readonly Regex? _specials;

    /// <param name="stages">Regexes that each match all of their input (see <see cref="SplitPatterns.Isolated"/>).</param>
    /// <param name="specialTokens">Tokens to keep whole, tried longest first (the keys' order).</param>
    public SequentialSplitPreTokenizer(IReadOnlyList<Regex> stages, IReadOnlyDictionary<string, int> specialTokens)
    {
        _stages = stages;
        _specials = specialTokens.Count == 0
            ? null
            : new Regex(string.Join('|', specialTokens.Keys.Select(Regex.Escape)), RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
    {
        var result = new List<(int Offset, int Length)>();
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }
        var start = 0;
        if (_specials is not null)
        {
            foreach (var match in _specials.EnumerateMatches(text))
            {
                Split(text, start, match.Index - start, 0, result);
                result.Add((match.Index, match.Length));
                start = match.Index + match.Length;
            }
        }
        Split(text, start, text.Length - start, 0, result);
        return result;
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => PreTokenize(text.ToString());

    private void Split(string text, int offset, int length, int stage, List<(int Offset, int Length)> result)
    {
        if (length == 0)
        {
            return;
        }
        if (stage == _stages.Count)
        {
            result.Add((offset, length));
            return;
        }
        foreach (var match in _stages[stage].EnumerateMatches(text.AsSpan(offset, length)))
        {
            Split(text, offset + match.Index, match.Length, stage + 1, result);
        }
    }
}
