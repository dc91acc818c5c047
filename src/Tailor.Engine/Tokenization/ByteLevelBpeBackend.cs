using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// A byte-level BPE tokenizer read from HF's tokenizer.json (GPT-2, Llama-3, Qwen2, SmolLM and our own
/// <see cref="BpeTrainer"/> output), run by ML.Tokenizers' <see cref="BpeTokenizer"/> in byte-level mode with the
/// file's own split regex as a <see cref="RegexPreTokenizer"/>.
/// </summary>
internal sealed class ByteLevelBpeBackend : TokenizerBackend
{
    public const string FileName = "tokenizer.json";
    public const string KindName = "byte-level BPE";

    private readonly BpeTokenizer _bpe;
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int> _matchTable;
    private readonly PreTokenizer _preTokenizer;
    private readonly Normalizer? _normalizer;
    private readonly bool _ignoreMerges;
    private readonly List<AddedToken> _addedTokens;
    private readonly int _maxId;

    private ByteLevelBpeBackend(BpeTokenizer bpe, Dictionary<string, int> vocab, AddedTokenTable added,
        Dictionary<string, int> matchTable, PreTokenizer preTokenizer, Normalizer? normalizer, bool ignoreMerges,
        (List<int> Prefix, List<int> Suffix) template)
    {
        _bpe = bpe;
        _vocab = vocab;
        _matchTable = matchTable;
        _preTokenizer = preTokenizer;
        _normalizer = normalizer;
        _ignoreMerges = ignoreMerges;
        _addedTokens = [.. added.Tokens];
        DefaultPrefix = template.Prefix;
        DefaultSuffix = template.Suffix;
        _maxId = Math.Max(vocab.Count == 0 ? -1 : vocab.Values.Max(), _addedTokens.Count == 0 ? -1 : _addedTokens.Max(t => t.Id));
    }

    public override string Kind => KindName;

    public override IReadOnlyList<AddedToken> AddedTokens => _addedTokens;

    public override IReadOnlyList<int> DefaultPrefix { get; }

    public override IReadOnlyList<int> DefaultSuffix { get; }

    public override int MaxId => _maxId;

    /// <summary>
    /// Whether tokenizer.json describes a byte-level BPE model (a BPE model with a ByteLevel pre-tokenizer).
    /// SentencePiece-style BPE files (Llama-2, Mistral: Metaspace and byte fallback) are not, and are read from
    /// tokenizer.model instead.
    /// </summary>
    public static bool IsByteLevel(JsonElement root)
    {
        var type = HfJson.Get(root, "model") is { } model ? HfJson.Get(model, "type") : null;
        var isBpe = type is null || (type.Value.ValueKind == JsonValueKind.String && type.Value.GetString() == "BPE");
        return isBpe && HfJson.Get(root, "pre_tokenizer") is { } pre && ContainsByteLevel(pre);
    }

    private static bool ContainsByteLevel(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        if (HfJson.Get(node, "type") is { ValueKind: JsonValueKind.String } type && type.GetString() == "ByteLevel")
        {
            return true;
        }
        return HfJson.Get(node, "pretokenizers") is { ValueKind: JsonValueKind.Array } list
            && list.EnumerateArray().Any(ContainsByteLevel);
    }

    public static ByteLevelBpeBackend Load(JsonElement root, TokenizerConfig config, string dir)
    {
        var model = HfJson.Require(root, "model", FileName, "");
        var type = HfJson.GetString(model, "type", FileName, "model") ?? "BPE";
        if (type != "BPE")
        {
            throw new EngineException(
                $"{FileName}: model.type '{type}' is not supported (supported: byte-level 'BPE'; SentencePiece models are read from tokenizer.model) in '{dir}'.");
        }
        if (!IsByteLevel(root))
        {
            throw new EngineException(
                $"{FileName}: pre_tokenizer has no ByteLevel step, so this is not a byte-level BPE tokenizer; SentencePiece-style BPE needs its tokenizer.model next to it in '{dir}'.");
        }

        var vocab = ReadVocabulary(model);
        var merges = ReadMerges(model);

        var added = new AddedTokenTable(FileName + " model.vocab", token => LookUp(vocab, token));
        foreach (var token in ReadAddedTokens(root))
        {
            added.Add(token, FileName);
        }
        foreach (var token in config.AddedTokens)
        {
            added.Add(token, TokenizerConfig.ConfigFile);
        }
        var specials = added.ResolveConfigSpecials(config);

        var matchTable = added.MatchTable();
        var (regexes, addPrefixSpace) = ReadPreTokenizer(HfJson.Require(root, "pre_tokenizer", FileName, ""));
        PreTokenizer preTokenizer = regexes.Count == 1
            ? new RegexPreTokenizer(regexes[0], matchTable)
            : new SequentialSplitPreTokenizer(regexes, matchTable);
        var form = ReadNormalizer(HfJson.Get(root, "normalizer"), "normalizer");
        Normalizer? normalizer = form is null && !addPrefixSpace ? null : new HfNormalizer(form, addPrefixSpace);

        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(new BpeOptions(vocab)
            {
                Merges = merges,
                SpecialTokens = matchTable,
                PreTokenizer = preTokenizer,
                Normalizer = normalizer,
                ByteLevel = true,
                UnknownToken = HfJson.GetString(model, "unk_token", FileName, "model"),
                FuseUnknownTokens = HfJson.GetBool(model, "fuse_unk", FileName, "model") ?? false,
                ContinuingSubwordPrefix = NullIfEmpty(HfJson.GetString(model, "continuing_subword_prefix", FileName, "model")),
                EndOfWordSuffix = NullIfEmpty(HfJson.GetString(model, "end_of_word_suffix", FileName, "model")),
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new EngineException($"{FileName}: model.vocab/model.merges are inconsistent in '{dir}': {ex.Message}", ex);
        }

        var ignoreMerges = HfJson.GetBool(model, "ignore_merges", FileName, "model") ?? false;
        var template = ReadPostProcessor(HfJson.Get(root, "post_processor"), "post_processor");
        return new ByteLevelBpeBackend(bpe, vocab, added, matchTable, preTokenizer, normalizer, ignoreMerges, template)
        {
            Specials = specials,
        };
    }

    public override void Encode(string text, List<int> ids)
    {
        if (!_ignoreMerges)
        {
            ids.AddRange(_bpe.EncodeToIds(text));
            return;
        }
        // Llama-3's tokenizer.json sets ignore_merges: a pre-token that is itself in the vocabulary becomes that
        // token even where the merge order would split it differently. BpeTokenizer has no such switch, so the
        // pre-tokenization is done here and only the remaining pieces go through the merges.
        var normalized = _normalizer?.Normalize(text) ?? text;
        foreach (var (offset, length) in _preTokenizer.PreTokenize(normalized))
        {
            var piece = normalized.Substring(offset, length);
            if (_matchTable.TryGetValue(piece, out var id) || _vocab.TryGetValue(ByteLevelAlphabet.Encode(piece), out id))
            {
                ids.Add(id);
            }
            else
            {
                ids.AddRange(_bpe.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false));
            }
        }
    }

    public override string Decode(List<int> ids, bool atStart) => _bpe.Decode(ids, considerSpecialTokens: false);

    public override int? VocabularyId(string token) => LookUp(_vocab, token);

    // Special tokens are stored verbatim ("<|endoftext|>") but a plain token is stored byte-level encoded.
    private static int? LookUp(Dictionary<string, int> vocab, string token)
    {
        if (vocab.TryGetValue(token, out var id) || vocab.TryGetValue(ByteLevelAlphabet.Encode(token), out id))
        {
            return id;
        }
        return null;
    }

    /// <summary>tokenizer.json's added_tokens: chat markers and other tokens matched verbatim in the input.</summary>
    public static List<AddedToken> ReadAddedTokens(JsonElement root)
    {
        var tokens = new List<AddedToken>();
        if (HfJson.Get(root, "added_tokens") is not { } list)
        {
            return tokens;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new EngineException($"{FileName}: field 'added_tokens' must be a list.");
        }
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var where = $"added_tokens[{i++}]";
            var id = HfJson.GetInt(HfJson.Require(item, "id", FileName, where), FileName, where + ".id");
            var content = HfJson.GetString(item, "content", FileName, where)
                ?? throw new EngineException($"{FileName}: missing field '{where}.content'.");
            tokens.Add(new AddedToken(content, id, HfJson.GetBool(item, "special", FileName, where) ?? false));
        }
        return tokens;
    }

    private static Dictionary<string, int> ReadVocabulary(JsonElement model)
    {
        var node = HfJson.Require(model, "vocab", FileName, "model");
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new EngineException($"{FileName}: field 'model.vocab' must be an object of token → id.");
        }
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in node.EnumerateObject())
        {
            if (!vocab.TryAdd(entry.Name, HfJson.GetInt(entry.Value, FileName, $"model.vocab[\"{entry.Name}\"]")))
            {
                throw new EngineException($"{FileName}: token '{entry.Name}' appears twice in model.vocab.");
            }
        }
        if (vocab.Count == 0)
        {
            throw new EngineException($"{FileName}: field 'model.vocab' is empty.");
        }
        return vocab;
    }

    // Merges are "a b" strings in files written before tokenizers 0.20 and ["a", "b"] pairs after; the package
    // takes the string form. A repeated merge keeps its first (highest-priority) rank.
    private static List<string> ReadMerges(JsonElement model)
    {
        var node = HfJson.Require(model, "merges", FileName, "model");
        if (node.ValueKind != JsonValueKind.Array)
        {
            throw new EngineException($"{FileName}: field 'model.merges' must be a list.");
        }
        var merges = new List<string>(node.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in node.EnumerateArray())
        {
            var where = $"model.merges[{i++}]";
            string merge;
            if (item.ValueKind == JsonValueKind.String)
            {
                merge = item.GetString()!;
                var space = merge.IndexOf(' ', StringComparison.Ordinal);
                if (space <= 0 || space == merge.Length - 1 || merge.IndexOf(' ', space + 1) >= 0)
                {
                    throw new EngineException($"{FileName}: {where} must be two tokens separated by one space, not \"{merge}\".");
                }
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2
                && item[0].ValueKind == JsonValueKind.String && item[1].ValueKind == JsonValueKind.String)
            {
                var (left, right) = (item[0].GetString()!, item[1].GetString()!);
                if (left.Length == 0 || right.Length == 0 || left.Contains(' ', StringComparison.Ordinal) || right.Contains(' ', StringComparison.Ordinal))
                {
                    throw new EngineException($"{FileName}: {where} has an empty token or one containing a space, which byte-level BPE never has.");
                }
                merge = left + " " + right;
            }
            else
            {
                throw new EngineException($"{FileName}: {where} must be a \"a b\" string or a [\"a\", \"b\"] pair.");
            }
            if (seen.Add(merge))
            {
                merges.Add(merge);
            }
        }
        return merges;
    }

    private static (List<Regex> Regexes, bool AddPrefixSpace) ReadPreTokenizer(JsonElement node)
    {
        var regexes = new List<Regex>();
        var addPrefixSpace = false;
        Collect(node, "pre_tokenizer");
        if (regexes.Count == 0)
        {
            // ByteLevel with use_regex=false and nothing else: the whole text is one piece.
            regexes.Add(SplitPatterns.Isolated(@"[\s\S]+", FileName, "pre_tokenizer"));
        }
        return (regexes, addPrefixSpace);

        void Collect(JsonElement step, string where)
        {
            var type = HfJson.GetString(step, "type", FileName, where);
            switch (type)
            {
                case "Sequence":
                    var list = HfJson.Require(step, "pretokenizers", FileName, where);
                    var i = 0;
                    foreach (var child in list.EnumerateArray())
                    {
                        Collect(child, $"{where}.pretokenizers[{i++}]");
                    }
                    break;
                case "ByteLevel":
                    addPrefixSpace |= HfJson.GetBool(step, "add_prefix_space", FileName, where) ?? false;
                    if (HfJson.GetBool(step, "use_regex", FileName, where) ?? true)
                    {
                        regexes.Add(SplitPatterns.Gpt2Regex);
                    }
                    break;
                case "Split":
                    var behavior = HfJson.GetString(step, "behavior", FileName, where);
                    if (behavior != "Isolated" || (HfJson.GetBool(step, "invert", FileName, where) ?? false))
                    {
                        throw new EngineException(
                            $"{FileName}: {where} is a Split with behavior '{behavior}'{(HfJson.GetBool(step, "invert", FileName, where) == true ? " and invert" : "")}; only 'Isolated' without invert is supported.");
                    }
                    var pattern = HfJson.Require(step, "pattern", FileName, where);
                    var regex = HfJson.GetString(pattern, "Regex", FileName, where + ".pattern");
                    var literal = HfJson.GetString(pattern, "String", FileName, where + ".pattern");
                    regexes.Add(SplitPatterns.Isolated(
                        regex ?? Regex.Escape(literal ?? throw new EngineException($"{FileName}: {where}.pattern needs 'Regex' or 'String'.")),
                        FileName, where + ".pattern"));
                    break;
                case "Digits":
                    var individual = HfJson.GetBool(step, "individual_digits", FileName, where) ?? false;
                    regexes.Add(SplitPatterns.Isolated(individual ? @"\p{N}" : @"\p{N}+", FileName, where));
                    break;
                default:
                    throw new EngineException($"{FileName}: {where}.type '{type}' is not supported (supported: ByteLevel, Split, Digits, Sequence).");
            }
        }
    }

    private static NormalizationForm? ReadNormalizer(JsonElement? node, string where)
    {
        if (node is null)
        {
            return null;
        }
        var type = HfJson.GetString(node.Value, "type", FileName, where);
        switch (type)
        {
            case "NFC": return NormalizationForm.FormC;
            case "NFD": return NormalizationForm.FormD;
            case "NFKC": return NormalizationForm.FormKC;
            case "NFKD": return NormalizationForm.FormKD;
            case "Sequence":
                NormalizationForm? form = null;
                var i = 0;
                foreach (var child in HfJson.Require(node.Value, "normalizers", FileName, where).EnumerateArray())
                {
                    var childWhere = $"{where}.normalizers[{i++}]";
                    var next = ReadNormalizer(child, childWhere);
                    if (form is not null && next is not null && next != form)
                    {
                        throw new EngineException($"{FileName}: {childWhere} applies a second Unicode normal form, which is not supported.");
                    }
                    form ??= next;
                }
                return form;
            default:
                throw new EngineException($"{FileName}: {where}.type '{type}' is not supported (supported: NFC, NFD, NFKC, NFKD, Sequence).");
        }
    }

    // The post-processor decides which special tokens wrap an encoded text (Llama-3: <|begin_of_text|> first).
    private static (List<int> Prefix, List<int> Suffix) ReadPostProcessor(JsonElement? node, string where)
    {
        var prefix = new List<int>();
        var suffix = new List<int>();
        if (node is null)
        {
            return (prefix, suffix);
        }
        var type = HfJson.GetString(node.Value, "type", FileName, where);
        switch (type)
        {
            case "ByteLevel":
                break;
            case "Sequence":
                var i = 0;
                foreach (var child in HfJson.Require(node.Value, "processors", FileName, where).EnumerateArray())
                {
                    var (p, s) = ReadPostProcessor(child, $"{where}.processors[{i++}]");
                    prefix.AddRange(p);
                    suffix.AddRange(s);
                }
                break;
            case "TemplateProcessing":
                var single = HfJson.Require(node.Value, "single", FileName, where);
                var specials = HfJson.Get(node.Value, "special_tokens");
                var seenSequence = false;
                var k = 0;
                foreach (var piece in single.EnumerateArray())
                {
                    var pieceWhere = $"{where}.single[{k++}]";
                    if (HfJson.Get(piece, "Sequence") is not null)
                    {
                        seenSequence = true;
                    }
                    else if (HfJson.Get(piece, "SpecialToken") is { } special)
                    {
                        var name = HfJson.GetString(special, "id", FileName, pieceWhere + ".SpecialToken")
                            ?? throw new EngineException($"{FileName}: missing field '{pieceWhere}.SpecialToken.id'.");
                        var entry = specials is { } table ? HfJson.Get(table, name) : null;
                        var idList = entry is { } e ? HfJson.Get(e, "ids") : null;
                        if (idList is not { ValueKind: JsonValueKind.Array })
                        {
                            throw new EngineException($"{FileName}: {where}.special_tokens has no ids for '{name}'.");
                        }
                        var target = seenSequence ? suffix : prefix;
                        foreach (var id in idList.Value.EnumerateArray())
                        {
                            target.Add(HfJson.GetInt(id, FileName, $"{where}.special_tokens.{name}.ids"));
                        }
                    }
                }
                break;
            case "RobertaProcessing" or "BertProcessing":
                prefix.Add(ReadPair(HfJson.Require(node.Value, "cls", FileName, where), where + ".cls"));
                suffix.Add(ReadPair(HfJson.Require(node.Value, "sep", FileName, where), where + ".sep"));
                break;
            default:
                throw new EngineException($"{FileName}: {where}.type '{type}' is not supported (supported: ByteLevel, TemplateProcessing, RobertaProcessing, BertProcessing, Sequence).");
        }
        return (prefix, suffix);

        static int ReadPair(JsonElement pair, string pairWhere)
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                throw new EngineException($"{FileName}: {pairWhere} must be a [token, id] pair.");
            }
            return HfJson.GetInt(pair[1], FileName, pairWhere + "[1]");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
