using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Tailor.Engine.Tokenization;

namespace Tailor.Training.Tests.Data;

/// <summary>
/// One tiny byte-level BPE tokenizer, trained once per test class, dressed up as the tokenizers of the model
/// families the chat templates cover: each variant is the same vocabulary with its own tokenizer_config.json
/// (BOS/EOS/pad and chat_template), just as the real models differ.
/// </summary>
public sealed class TinyTokenizers : IDisposable
{
    public static readonly string[] Specials =
    [
        "<|endoftext|>", "<|pad|>", "<|im_start|>", "<|im_end|>",
        "<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "<s>", "</s>",
    ];

    // Short excerpts of the real templates: only the markers matter for detection.
    public const string QwenTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}";
    public const string Llama3Template =
        "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}";
    public const string Llama2Template =
        "{% if messages[0]['role'] == 'system' %}{% set content = '<<SYS>>\\n' + messages[0]['content'] + '\\n<</SYS>>\\n\\n' %}{% endif %}{{ bos_token + '[INST] ' + content + ' [/INST]' }}";
    public const string MistralTemplate =
        "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% else %}{{ message['content'] + eos_token }}{% endif %}{% endfor %}";

    private readonly TempDirectory _dir = new();
    private int _variants;

    public TinyTokenizers()
    {
        BpeTrainer.Train(Corpus(), 450, Specials, _dir.File("base"));
        Plain = Variant(bos: "<|endoftext|>", eos: "<|endoftext|>", pad: "<|pad|>");
        PlainWithBos = Variant(bos: "<s>", eos: "</s>", pad: null, addBos: true);
        ChatMl = Variant(bos: null, eos: "<|im_end|>", pad: "<|endoftext|>", template: QwenTemplate);
        Llama3 = Variant(bos: "<|begin_of_text|>", eos: "<|eot_id|>", pad: null, addBos: true, template: Llama3Template);
        Llama2 = Variant(bos: "<s>", eos: "</s>", pad: null, addBos: true, template: Llama2Template);
        Mistral = Variant(bos: "<s>", eos: "</s>", pad: null, addBos: true, template: MistralTemplate);
        SentencePiece = LoadSentencePiece();
    }

    /// <summary>Like Tailor's own models: no chat_template, BOS = EOS = &lt;|endoftext|&gt; not added, a pad token.</summary>
    public TextTokenizer Plain { get; }

    /// <summary>No chat_template; BOS &lt;s&gt; added to every text; EOS &lt;/s&gt;; no pad token.</summary>
    public TextTokenizer PlainWithBos { get; }

    public TextTokenizer ChatMl { get; }

    public TextTokenizer Llama3 { get; }

    public TextTokenizer Llama2 { get; }

    public TextTokenizer Mistral { get; }

    /// <summary>A tiny SentencePiece model (a copy of the engine's fixture) with BOS &lt;s&gt; added and EOS &lt;/s&gt;.</summary>
    public TextTokenizer SentencePiece { get; }

    /// <summary>The base vocabulary with the given tokenizer_config.json.</summary>
    public TextTokenizer Variant(string? bos, string? eos, string? pad, bool addBos = false, string? template = null)
    {
        var dir = _dir.File($"variant{_variants++}");
        Directory.CreateDirectory(dir);
        foreach (var file in new[] { "tokenizer.json", "vocab.json", "merges.txt" })
        {
            File.Copy(_dir.File(Path.Combine("base", file)), Path.Combine(dir, file));
        }
        var config = new Dictionary<string, object?>
        {
            ["bos_token"] = bos,
            ["eos_token"] = eos,
            ["pad_token"] = pad,
            ["add_bos_token"] = addBos,
            ["add_eos_token"] = false,
            ["chat_template"] = template,
        };
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), JsonSerializer.Serialize(config));
        return TextTokenizer.Load(dir);
    }

    public void Dispose() => _dir.Dispose();

    private TextTokenizer LoadSentencePiece()
    {
        var dir = _dir.File("sentencepiece");
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(SourceDirectory(), "Fixtures", "sentencepiece", "tokenizer.model"), Path.Combine(dir, "tokenizer.model"));
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"),
            """{"bos_token": "<s>", "eos_token": "</s>", "add_bos_token": true, "add_eos_token": false}""");
        return TextTokenizer.Load(dir);
    }

    // The fixture is read where it lies in the source tree, which keeps the test project file untouched.
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>A few thousand deterministic sentences about cats, capitals and questions.</summary>
    private static IEnumerable<string> Corpus()
    {
        string[] words =
        [
            "the", "cat", "sat", "on", "mat", "dog", "ran", "to", "park", "what", "is", "capital", "of", "France",
            "Paris", "hello", "world", "answer", "question", "please", "thanks", "you", "are", "a", "helpful",
            "assistant", "user", "system", "be", "brief", "yes", "no", "and", "it", "was", "sunny", "today",
        ];
        var random = new Random(7);
        var line = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            line.Clear();
            var n = 3 + random.Next(8);
            for (var w = 0; w < n; w++)
            {
                line.Append(w == 0 ? "" : " ").Append(words[random.Next(words.Length)]);
            }
            yield return line.Append(random.Next(3) == 0 ? "?" : ".").ToString();
        }
    }
}
