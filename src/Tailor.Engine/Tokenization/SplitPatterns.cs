using System.Text;
using System.Text.RegularExpressions;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// Pre-tokenization regexes: the GPT-2 pattern and the translation of the patterns found in tokenizer.json
/// (written for Rust's Oniguruma engine) into .NET regexes that ML.Tokenizers' <c>RegexPreTokenizer</c> can run.
/// </summary>
internal static class SplitPatterns
{
    /// <summary>
    /// GPT-2's word splitter, which HF's ByteLevel pre-tokenizer applies when <c>use_regex</c> is on:
    /// contractions, letter runs, digit runs and punctuation runs each with one optional leading space, and
    /// whitespace runs (a run before a word leaves its last space to that word).
    /// </summary>
    public const string Gpt2 = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    public static Regex Gpt2Regex { get; } = new(Gpt2, Options);

    /// <summary>
    /// A regex for HF's <c>Split</c> with behavior "Isolated": every match is a piece and so is every stretch
    /// between matches. RegexPreTokenizer silently drops text that its regex does not match, so the pattern is
    /// extended with an alternative that swallows the gaps.
    /// </summary>
    public static Regex Isolated(string pattern, string file, string where)
    {
        var translated = TranslatePossessive(pattern);
        return Compile($"(?:{translated})|(?:(?!(?:{translated}))[\\s\\S])+", file, where);
    }

    private static Regex Compile(string pattern, string file, string where)
    {
        try
        {
            return new Regex(pattern, Options);
        }
        catch (ArgumentException ex)
        {
            throw new EngineException($"{file}: the regex in '{where}' is not supported by .NET: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Rewrites possessive quantifiers (<c>X?+</c>, <c>X++</c>, <c>X*+</c>, <c>X{n,m}+</c>), which tiktoken-derived
    /// patterns use and .NET lacks, as the equivalent atomic groups <c>(?&gt;X?)</c>.
    /// </summary>
    internal static string TranslatePossessive(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var groupStarts = new Stack<int>();
        var atomStart = -1;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                atomStart = sb.Length;
                var end = i + 2;
                if (i + 2 < pattern.Length && pattern[i + 1] is 'p' or 'P' && pattern[i + 2] == '{')
                {
                    end = pattern.IndexOf('}', i) + 1;
                }
                end = Math.Min(end <= 0 ? pattern.Length : end, pattern.Length);
                sb.Append(pattern, i, end - i);
                i = end;
            }
            else if (c == '[')
            {
                atomStart = sb.Length;
                var end = ClassEnd(pattern, i);
                sb.Append(pattern, i, end - i);
                i = end;
            }
            else if (c == '(')
            {
                groupStarts.Push(sb.Length);
                atomStart = -1;
                sb.Append(c);
                i++;
            }
            else if (c == ')')
            {
                atomStart = groupStarts.Count > 0 ? groupStarts.Pop() : -1;
                sb.Append(c);
                i++;
            }
            else if (c is '?' or '*' or '+' || (c == '{' && IsCountQuantifier(pattern, i)))
            {
                var end = c == '{' ? pattern.IndexOf('}', i) + 1 : i + 1;
                sb.Append(pattern, i, end - i);
                i = end;
                if (i < pattern.Length && pattern[i] == '+' && atomStart >= 0)
                {
                    sb.Insert(atomStart, "(?>").Append(')');
                    i++;
                }
                atomStart = -1;
            }
            else
            {
                atomStart = sb.Length;
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    // The index just past the ']' that closes the class opened at 'start' ("[]a]" and "[^]a]" start with a literal ']').
    private static int ClassEnd(string pattern, int start)
    {
        var j = start + 1;
        if (j < pattern.Length && pattern[j] == '^')
        {
            j++;
        }
        if (j < pattern.Length && pattern[j] == ']')
        {
            j++;
        }
        while (j < pattern.Length && pattern[j] != ']')
        {
            j += pattern[j] == '\\' ? 2 : 1;
        }
        return Math.Min(j + 1, pattern.Length);
    }

    private static bool IsCountQuantifier(string pattern, int i)
    {
        var close = pattern.IndexOf('}', i);
        if (close < 0 || close == i + 1)
        {
            return false;
        }
        for (var j = i + 1; j < close; j++)
        {
            if (!char.IsAsciiDigit(pattern[j]) && pattern[j] != ',')
            {
                return false;
            }
        }
        return true;
    }
}
