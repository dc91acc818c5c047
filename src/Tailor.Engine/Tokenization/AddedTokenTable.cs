namespace Tailor.Engine.Tokenization;

/// <summary>
/// Collects the added tokens of a tokenizer from all the places the HF layout records them, and resolves the
/// special tokens named by text in the config files (bos_token, eos_token...) to ids.
/// </summary>
internal sealed class AddedTokenTable(string vocabularyFile, Func<string, int?> vocabularyId)
{
    private readonly List<AddedToken> _tokens = [];
    private readonly Dictionary<string, int> _byContent = new(StringComparer.Ordinal);

    public IReadOnlyList<AddedToken> Tokens => _tokens;

    /// <summary>Adds a token unless one with the same text is already known (earlier sources win).</summary>
    public void Add(AddedToken token, string file)
    {
        if (token.Content.Length == 0)
        {
            throw new EngineException($"{file}: added token {token.Id} has empty text.");
        }
        if (_byContent.TryAdd(token.Content, _tokens.Count))
        {
            _tokens.Add(token);
        }
    }

    /// <summary>
    /// Resolves a special token named in a config file; a name that is neither an added token nor in the
    /// vocabulary is an error because BOS/EOS/PAD would otherwise silently be wrong.
    /// </summary>
    public int? Resolve(string? content, string file, string field)
    {
        if (content is null)
        {
            return null;
        }
        if (_byContent.TryGetValue(content, out var index))
        {
            // A config naming an added token as bos/eos/pad makes it special even if the added-token entry did not say so.
            var token = _tokens[index];
            if (!token.Special)
            {
                _tokens[index] = token with { Special = true };
            }
            return token.Id;
        }
        var id = vocabularyId(content) ?? throw new EngineException(
            $"{file}: {field} '{content}' is neither in the vocabulary ({vocabularyFile}) nor an added token.");
        Add(new AddedToken(content, id, Special: true), file);
        return id;
    }

    /// <summary>Resolves bos/eos/pad/unk and additional_special_tokens as named in the config files.</summary>
    public SpecialIds ResolveConfigSpecials(TokenizerConfig config)
    {
        const string file = TokenizerConfig.ConfigFile;
        var ids = new SpecialIds(
            Resolve(config.BosToken, file, "bos_token"),
            Resolve(config.EosToken, file, "eos_token"),
            Resolve(config.PadToken, file, "pad_token"));
        Resolve(config.UnkToken, file, "unk_token");
        foreach (var token in config.AdditionalSpecialTokens)
        {
            Resolve(token, file, "additional_special_tokens");
        }
        return ids;
    }

    /// <summary>
    /// Token text → id for the package's special-token matcher. The package joins the keys into one regex
    /// alternation in enumeration order, so longer tokens go first: "&lt;|im_start|&gt;" must win over a shorter
    /// token that is its prefix, as in HF (which matches the longest added token).
    /// </summary>
    public Dictionary<string, int> MatchTable()
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in _tokens.OrderByDescending(t => t.Content.Length).ThenBy(t => t.Content, StringComparer.Ordinal))
        {
            table[token.Content] = token.Id;
        }
        return table;
    }
}
