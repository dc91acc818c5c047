namespace Tailor.Domains.Model;

/// <summary>
/// What one request asks of every row decoded for it: the vocabulary (allowed suffixes, longest label), how many
/// names each row writes, the words no label may contain, and names already taken (never to be written again).
/// </summary>
/// <param name="Names">Names each row writes before EOS.</param>
/// <param name="ExcludeWords">Lower-cased words (letters, digits, hyphens) no label may contain.</param>
/// <param name="TakenNames">Whole names ("abc.com") no row may write, e.g. those an earlier pass already found.</param>
public sealed record NameListRules(DomainVocabulary Vocabulary, int Names, IReadOnlyList<string> ExcludeWords, IReadOnlySet<string> TakenNames)
{
    /// <summary>Rules with nothing excluded and nothing taken.</summary>
    public NameListRules(DomainVocabulary vocabulary, int names)
        : this(vocabulary, names, [], new HashSet<string>(StringComparer.Ordinal))
    {
    }

    /// <summary>The most tokens a row's finished output can take (one character per token at worst), for max_new_tokens.</summary>
    public int MaxTokens => Names * (Vocabulary.MaxLabelLength + 1 + Vocabulary.Suffixes.Max(s => s.Length) + 1);

    /// <summary>An excluded word in the form labels are compared with: lower case, only letters, digits and hyphens.</summary>
    public static string CleanWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return new([.. word.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')]);
    }
}
