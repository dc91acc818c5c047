using System.Text;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// Text ↔ token ids for a model directory in Hugging Face layout. The tokenization itself is done by
/// Microsoft.ML.Tokenizers; this class reads the HF files into it and adds what the package leaves to the
/// caller: BOS/EOS as the config files ask, special-token handling on decode, stop tokens for generation.
/// </summary>
public sealed class TextTokenizer
{
    /// <summary><see cref="Kind"/> of a tokenizer read from a byte-level BPE tokenizer.json.</summary>
    public const string ByteLevelBpeKind = ByteLevelBpeBackend.KindName;

    /// <summary><see cref="Kind"/> of a tokenizer read from a SentencePiece tokenizer.model.</summary>
    public const string SentencePieceKind = SentencePieceBackend.KindName;

    private readonly TokenizerBackend _backend;
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly Dictionary<string, int> _addedByContent;
    private readonly int[] _prefix;
    private readonly int[] _suffix;

    private TextTokenizer(TokenizerBackend backend, TokenizerConfig config)
    {
        _backend = backend;
        _addedById = [];
        _addedByContent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in backend.AddedTokens)
        {
            _addedById.TryAdd(token.Id, token);
            _addedByContent.TryAdd(token.Content, token.Id);
        }
        BosTokenId = backend.Specials.Bos ?? config.GenerationBosId;
        EosTokenId = backend.Specials.Eos ?? (config.GenerationEosIds.Count > 0 ? config.GenerationEosIds[0] : null);
        PadTokenId = backend.Specials.Pad ?? config.GenerationPadId;
        var stops = new HashSet<int>(config.GenerationEosIds);
        if (EosTokenId is { } eos)
        {
            stops.Add(eos);
        }
        StopTokenIds = stops;
        SpecialTokens = backend.AddedTokens.Where(t => t.Special).ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal);
        ChatTemplate = config.ChatTemplate;
        ModelMaxLength = config.ModelMaxLength;
        // An explicit add_bos_token / add_eos_token overrides what the post-processor or the model family does.
        _prefix = Override(backend.DefaultPrefix, BosTokenId, config.AddBosToken, atStart: true);
        _suffix = Override(backend.DefaultSuffix, EosTokenId, config.AddEosToken, atStart: false);
    }

    /// <summary>"byte-level BPE" or "SentencePiece".</summary>
    public string Kind => _backend.Kind;

    /// <summary>
    /// Number of ids the model's embedding must cover: one more than the largest id in the vocabulary or the
    /// added tokens (so it counts added tokens that HF's <c>vocab_size</c> leaves out).
    /// </summary>
    public int VocabSize => _backend.MaxId + 1;

    public int? BosTokenId { get; }

    public int? EosTokenId { get; }

    public int? PadTokenId { get; }

    /// <summary>Ids that end generation: the EOS token and every <c>eos_token_id</c> of generation_config.json.</summary>
    public IReadOnlySet<int> StopTokenIds { get; }

    /// <summary>The special tokens (text → id), all of which encode to their single id where they appear in text.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>The Jinja chat template, verbatim, if the model has one.</summary>
    public string? ChatTemplate { get; }

    /// <summary>tokenizer_config.json's model_max_length, or null when absent or "unlimited".</summary>
    public int? ModelMaxLength { get; }

    /// <summary>Ids <see cref="Encode"/> puts before the text when asked to add special tokens (usually BOS).</summary>
    public IReadOnlyList<int> PrefixTokenIds => _prefix;

    /// <summary>Ids <see cref="Encode"/> puts after the text when asked to add special tokens.</summary>
    public IReadOnlyList<int> SuffixTokenIds => _suffix;

    /// <summary>The files a tokenizer may consist of in an HF model folder.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["tokenizer.json", "tokenizer.model", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json", "vocab.json", "merges.txt"];

    /// <summary>Copies whichever tokenizer files <paramref name="fromDir"/> has into <paramref name="toDir"/> (a model folder being written).</summary>
    /// <exception cref="EngineException">The folder has no tokenizer.</exception>
    public static void CopyFiles(string fromDir, string toDir)
    {
        var found = FileNames.Where(f => File.Exists(Path.Combine(fromDir, f))).ToList();
        if (!found.Contains("tokenizer.json") && !found.Contains("tokenizer.model"))
            throw new EngineException($"{fromDir}: no tokenizer files (tokenizer.json or tokenizer.model)");
        Directory.CreateDirectory(toDir);
        foreach (var f in found) File.Copy(Path.Combine(fromDir, f), Path.Combine(toDir, f), overwrite: true);
    }

    /// <summary>
    /// Reads the tokenizer of a model directory: tokenizer.json (byte-level BPE) or tokenizer.model
    /// (SentencePiece), plus tokenizer_config.json, special_tokens_map.json and generation_config.json when present.
    /// </summary>
    /// <exception cref="EngineException">Files are missing, malformed, or describe an unsupported tokenizer.</exception>
    public static TextTokenizer Load(string modelDir)
    {
        ArgumentNullException.ThrowIfNull(modelDir);
        if (!Directory.Exists(modelDir))
        {
            throw new EngineException($"Tokenizer directory '{modelDir}' does not exist.");
        }
        var config = TokenizerConfig.Load(modelDir);
        var jsonPath = Path.Combine(modelDir, ByteLevelBpeBackend.FileName);
        var spPath = Path.Combine(modelDir, SentencePieceBackend.FileName);
        TokenizerBackend backend;
        if (File.Exists(jsonPath))
        {
            using var doc = HfJson.Read(jsonPath);
            // Llama-2/Mistral ship a SentencePiece-style tokenizer.json next to tokenizer.model; the model file is
            // the reference then. Any other tokenizer.json must be one we can read, and says why if not.
            backend = !ByteLevelBpeBackend.IsByteLevel(doc.RootElement) && File.Exists(spPath)
                ? SentencePieceBackend.Load(spPath, config, ByteLevelBpeBackend.ReadAddedTokens(doc.RootElement))
                : ByteLevelBpeBackend.Load(doc.RootElement, config, modelDir);
        }
        else if (File.Exists(spPath))
        {
            backend = SentencePieceBackend.Load(spPath, config, []);
        }
        else
        {
            throw new EngineException(
                $"No tokenizer in '{modelDir}': expected {ByteLevelBpeBackend.FileName} (Hugging Face tokenizers) or {SentencePieceBackend.FileName} (SentencePiece).");
        }
        return new TextTokenizer(backend, config);
    }

    /// <summary>
    /// Encodes <paramref name="text"/>. Special tokens written in the text ("&lt;|im_start|&gt;") become their
    /// single id; <paramref name="addSpecialTokens"/> adds BOS/EOS as the model's files ask.
    /// </summary>
    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens)
        {
            ids.AddRange(_prefix);
        }
        if (text.Length > 0)
        {
            _backend.Encode(text, ids);
        }
        if (addSpecialTokens)
        {
            ids.AddRange(_suffix);
        }
        return ids;
    }

    /// <summary>
    /// Decodes ids to text. Added tokens are written as their text, special ones left out when
    /// <paramref name="skipSpecialTokens"/>; ids outside the vocabulary are skipped.
    /// </summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        // The package decodes special tokens itself, but byte-level BPE would push their text through the
        // byte table (mangling non-ASCII ones) and it cannot tell special from non-special added tokens. So
        // added tokens are handled here and only the runs between them go to the package.
        var text = new StringBuilder();
        var run = new List<int>();
        // SentencePiece puts its dummy-prefix space after any leading added tokens, so only the first run starts the text.
        var firstRun = true;
        foreach (var id in ids)
        {
            if (_addedById.TryGetValue(id, out var added))
            {
                Flush();
                if (!(skipSpecialTokens && added.Special))
                {
                    text.Append(added.Content);
                }
            }
            else
            {
                run.Add(id);
            }
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            if (run.Count > 0)
            {
                text.Append(_backend.Decode(run, atStart: firstRun));
                run.Clear();
                firstRun = false;
            }
        }
    }

    /// <summary>The id of a token given by its text (an added token or a vocabulary entry), or null.</summary>
    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _addedByContent.TryGetValue(token, out var id) ? id : _backend.VocabularyId(token);
    }

    private static int[] Override(IReadOnlyList<int> defaults, int? tokenId, bool? add, bool atStart)
    {
        var ids = defaults.ToList();
        if (tokenId is { } id && add is { } wanted)
        {
            if (!wanted)
            {
                ids.RemoveAll(x => x == id);
            }
            else if (!ids.Contains(id))
            {
                ids.Insert(atStart ? 0 : ids.Count, id);
            }
        }
        return [.. ids];
    }
}
