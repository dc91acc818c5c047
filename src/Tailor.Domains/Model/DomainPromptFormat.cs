using System.Text;
using Tailor.Domains.Data;
using Tailor.Engine.Tokenization;

namespace Tailor.Domains.Model;

/// <summary>
/// How the domain model sees a request and writes its answer. The model sees only the description: the prompt is the
/// tokenizer's prefix (BOS), the description with white space collapsed and cut to <see cref="MaxDescriptionTokens"/>
/// tokens (keeping the start), then <see cref="Separator"/>; the completion is the domains one per line, then EOS.
/// Training (<see cref="ToSftRecord"/>) and decoding (<see cref="PromptIds"/>) build the prompt with the same code so
/// the two cannot drift apart.
/// </summary>
/// <remarks>
/// The trainer reads <c>{"prompt","completion"}</c> records, puts the tokenizer's prefix ids before the prompt and EOS
/// after the completion, so neither BOS nor EOS is written into the record's text.
/// </remarks>
public sealed class DomainPromptFormat(TextTokenizer tokenizer)
{
    /// <summary>Changes whenever the prompt or completion layout changes; a model records the version it was trained on.</summary>
    public const string Version = "domains-v1";

    public const int MaxDescriptionTokens = 192;

    /// <summary>Ends the prompt: the description may contain new lines no more (they are collapsed), so this cannot occur in it.</summary>
    public const string Separator = "\n###\n";

    /// <summary>Between two names in a completion.</summary>
    public const char NameSeparator = '\n';

    /// <summary>The description with every run of white space made one space, trimmed.</summary>
    public static string Normalize(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = new StringBuilder(description.Length);
        var pendingSpace = false;
        foreach (var c in description)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }
            text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>The prompt's text (without the tokenizer's prefix): the normalized, truncated description and the separator.</summary>
    public string PromptText(string description)
    {
        var normalized = Normalize(description);
        var ids = tokenizer.Encode(normalized, addSpecialTokens: false);
        if (ids.Count > MaxDescriptionTokens)
        {
            normalized = tokenizer.Decode(ids.Take(MaxDescriptionTokens), skipSpecialTokens: true);
        }
        return normalized + Separator;
    }

    /// <summary>The prompt's token ids as the trainer builds them: the tokenizer's prefix (BOS), then the prompt text.</summary>
    public IReadOnlyList<int> PromptIds(string description)
    {
        var ids = new List<int>(tokenizer.PrefixTokenIds);
        ids.AddRange(tokenizer.Encode(PromptText(description), addSpecialTokens: false));
        return ids;
    }

    /// <summary>The completion's text for reference domains (best first); the trainer appends EOS.</summary>
    public static string CompletionText(IEnumerable<string> domains) => string.Join(NameSeparator, domains);

    /// <summary>The prompt-completion record of an answered example; null for blocked rows or rows without domains.</summary>
    public (string Prompt, string Completion)? ToSftRecord(DomainExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (example.Blocked || example.DomainList.Count == 0)
        {
            return null;
        }
        return (PromptText(example.Description), CompletionText(example.DomainList));
    }
}
