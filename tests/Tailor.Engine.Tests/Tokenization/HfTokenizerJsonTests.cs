using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

/// <summary>
/// Hand-written GPT-2-style tokenizer.json files whose expected ids follow from the merge rules by hand,
/// proving that the HF fields are interpreted as HF does.
/// </summary>
public class HfTokenizerJsonTests
{
    // Byte-level vocabulary: 'Ġ' is the space byte. The merges in rank order:
    //   1 h e → he   2 l l → ll   3 ll o → llo   4 he llo → hello
    //   5 Ġ w → Ġw   6 o r → or   7 Ġw or → Ġwor   8 Ġ h → Ġh
    private const string Vocab = """
        {"h": 0, "e": 1, "l": 2, "o": 3, "w": 4, "r": 5, "d": 6, "Ġ": 7,
         "he": 8, "ll": 9, "llo": 10, "hello": 11, "Ġw": 12, "or": 13, "Ġwor": 14, "Ġh": 15, "Ċ": 19, "Ġworld": 20}
        """;

    private const string StringMerges = """["h e", "l l", "ll o", "he llo", "Ġ w", "o r", "Ġw or", "Ġ h"]""";

    private const string PairMerges =
        """[["h", "e"], ["l", "l"], ["ll", "o"], ["he", "llo"], ["Ġ", "w"], ["o", "r"], ["Ġw", "or"], ["Ġ", "h"]]""";

    private const string AddedTokens = """
        [
          {"id": 16, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
          {"id": 17, "content": "<|im_start|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
          {"id": 18, "content": "[NOTE]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": false}
        ]
        """;

    private static string TokenizerJson(string merges, string preTokenizer = ByteLevelPreTokenizer,
        string postProcessor = "null", bool ignoreMerges = false, string normalizer = "null") => $$"""
        {
          "version": "1.0",
          "truncation": null,
          "padding": null,
          "added_tokens": {{AddedTokens}},
          "normalizer": {{normalizer}},
          "pre_tokenizer": {{preTokenizer}},
          "post_processor": {{postProcessor}},
          "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
          "model": {
            "type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
            "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
            "ignore_merges": {{(ignoreMerges ? "true" : "false")}},
            "vocab": {{Vocab}},
            "merges": {{merges}}
          }
        }
        """;

    private const string ByteLevelPreTokenizer =
        """{"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true}""";

    // Llama-3's layout: the split regex in a Split step, then ByteLevel without its own regex.
    private const string Llama3PreTokenizer = """
        {"type": "Sequence", "pretokenizers": [
          {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"},
           "behavior": "Isolated", "invert": false},
          {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]}
        """;

    private static TextTokenizer Load(string tokenizerJson, string? config = null, string? generationConfig = null)
    {
        using var dir = new TempDirectory();
        dir.Write("tokenizer.json", tokenizerJson);
        if (config is not null)
        {
            dir.Write("tokenizer_config.json", config);
        }
        if (generationConfig is not null)
        {
            dir.Write("generation_config.json", generationConfig);
        }
        return TextTokenizer.Load(dir.Path);
    }

    [Theory]
    [InlineData(StringMerges)]
    [InlineData(PairMerges)]
    public void AppliesMergesByRank(string merges)
    {
        var tok = Load(TokenizerJson(merges));
        // "hello"  → he,l,l,o → he,ll,o → he,llo → hello                        = [11]
        // " world" → Ġw,o,r,l,d → Ġw,or,l,d → Ġwor,l,d                           = [14, 2, 6]
        // " hello" → (h e) outranks (Ġ h): Ġ,he,l,l,o → … → Ġ,hello              = [7, 11]
        Assert.Equal([11, 14, 2, 6, 16, 7, 11], tok.Encode("hello world<|endoftext|> hello"));
        Assert.Equal("hello world<|endoftext|> hello", tok.Decode([11, 14, 2, 6, 16, 7, 11]));
        Assert.Equal(TextTokenizer.ByteLevelBpeKind, tok.Kind);
        Assert.Equal(21, tok.VocabSize);
    }

    [Fact]
    public void AddedTokensAreMatchedInTextAndDecodedBySpecialFlag()
    {
        var tok = Load(TokenizerJson(StringMerges));
        var ids = tok.Encode("<|im_start|>hello[NOTE]<|endoftext|>");
        Assert.Equal([17, 11, 18, 16], ids);
        Assert.Equal("<|im_start|>hello[NOTE]<|endoftext|>", tok.Decode(ids));
        // [NOTE] is an added token but not a special one, so it stays.
        Assert.Equal("hello[NOTE]", tok.Decode(ids, skipSpecialTokens: true));
        Assert.Equal(new Dictionary<string, int> { ["<|endoftext|>"] = 16, ["<|im_start|>"] = 17 }, tok.SpecialTokens);
        Assert.Equal(17, tok.TokenToId("<|im_start|>"));
        Assert.Equal(14, tok.TokenToId(" wor"));
        Assert.Null(tok.TokenToId("zzz"));
    }

    [Fact]
    public void ReadsSplitRegexPreTokenizer()
    {
        var tok = Load(TokenizerJson(PairMerges, Llama3PreTokenizer));
        Assert.Equal([11, 14, 2, 6, 7, 11], tok.Encode("hello world hello"));
        // Llama-3's regex keeps "\n" apart and attaches no space to it.
        Assert.Equal("hello\n\nworld", tok.Decode(tok.Encode("hello\n\nworld")));
    }

    [Fact]
    public void IgnoreMergesTakesWholeWordsFromTheVocabulary()
    {
        // "Ġworld" (20) is in the vocabulary but no merge leads to it.
        Assert.Equal([14, 2, 6], Load(TokenizerJson(StringMerges)).Encode(" world"));
        Assert.Equal([20], Load(TokenizerJson(StringMerges, Llama3PreTokenizer, ignoreMerges: true)).Encode(" world"));
        Assert.Equal([11, 20, 16], Load(TokenizerJson(StringMerges, ignoreMerges: true)).Encode("hello world<|endoftext|>"));
    }

    [Fact]
    public void PostProcessorTemplateAddsBosAndConfigOverridesIt()
    {
        const string template = """
            {"type": "TemplateProcessing",
             "single": [{"SpecialToken": {"id": "<|im_start|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
             "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
             "special_tokens": {"<|im_start|>": {"id": "<|im_start|>", "ids": [17], "tokens": ["<|im_start|>"]}}}
            """;
        var json = TokenizerJson(StringMerges, postProcessor: template);
        Assert.Equal([17, 11], Load(json).Encode("hello"));
        Assert.Equal([11], Load(json).Encode("hello", addSpecialTokens: false));

        const string config = """{"bos_token": "<|im_start|>", "eos_token": "<|endoftext|>", "add_bos_token": false, "add_eos_token": true}""";
        Assert.Equal([11, 16], Load(json, config).Encode("hello"));
    }

    [Fact]
    public void ReadsSpecialTokensFromConfigFiles()
    {
        const string config = """
            {"bos_token": {"content": "<|im_start|>", "lstrip": false}, "eos_token": "<|endoftext|>",
             "pad_token": null, "unk_token": "<|endoftext|>", "model_max_length": 1000000000000000019884624838656,
             "chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"}]}
            """;
        var tok = Load(TokenizerJson(StringMerges), config, """{"bos_token_id": 17, "eos_token_id": [16, 18]}""");
        Assert.Equal(17, tok.BosTokenId);
        Assert.Equal(16, tok.EosTokenId);
        Assert.Null(tok.PadTokenId);
        Assert.Null(tok.ModelMaxLength);
        Assert.Equal("D", tok.ChatTemplate);
        Assert.Equal(new HashSet<int> { 16, 18 }, tok.StopTokenIds);
        // No template and no add_bos_token: a GPT-2 style tokenizer adds nothing.
        Assert.Equal([11], tok.Encode("hello"));
    }

    [Fact]
    public void SpecialTokensMapOverridesTokenizerConfig()
    {
        using var dir = new TempDirectory();
        dir.Write("tokenizer.json", TokenizerJson(StringMerges));
        dir.Write("tokenizer_config.json", """{"eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>"}""");
        dir.Write("special_tokens_map.json", """{"eos_token": {"content": "<|im_start|>"}, "additional_special_tokens": ["[NOTE]"]}""");
        var tok = TextTokenizer.Load(dir.Path);
        Assert.Equal(17, tok.EosTokenId);
        Assert.Equal(16, tok.PadTokenId);
        // Named as an additional special token, [NOTE] now counts as special.
        Assert.Equal("hello", tok.Decode([11, 18], skipSpecialTokens: true));
    }

    [Fact]
    public void AppliesNfcNormalizer()
    {
        var nfc = Load(TokenizerJson(StringMerges, normalizer: """{"type": "Sequence", "normalizers": [{"type": "NFC"}]}"""));
        Assert.Equal([11], nfc.Encode("hello"));
        // "e" + combining acute composes to "é" (bytes C3 A9, which this vocabulary lacks and drops); left
        // alone, the "e" would merge with the "h". Tailor builds without InvariantGlobalization so that
        // string.Normalize really composes.
        Assert.Equal([0], nfc.Encode("he\u0301"));
    }

    [Fact]
    public void ByteLevelAddPrefixSpaceTreatsTheFirstWordLikeTheOthers()
    {
        var tok = Load(TokenizerJson(StringMerges,
            """{"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true}"""));
        Assert.Equal([7, 11, 7, 11], tok.Encode("hello hello"));
        Assert.Equal(" hello hello", tok.Decode([7, 11, 7, 11]));
    }
}
