using Tailor.Engine.Tokenization;
using Tailor.Training.Data;

namespace Tailor.Training.Tests.Data;

public class ChatTemplateTests(TinyTokenizers tokenizers) : IClassFixture<TinyTokenizers>
{
    private static readonly ChatMessage[] Conversation =
    [
        new("system", "Be brief."),
        new("user", "What is the capital of France?"),
        new("assistant", "Paris."),
        new("user", "And of the cat?"),
        new("assistant", "The mat."),
    ];

    /// <summary>What each model's own apply_chat_template gives for <see cref="Conversation"/>.</summary>
    public static TheoryData<string, string> Rendered => new()
    {
        {
            "chatml",
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is the capital of France?<|im_end|>\n"
            + "<|im_start|>assistant\nParis.<|im_end|>\n<|im_start|>user\nAnd of the cat?<|im_end|>\n<|im_start|>assistant\nThe mat.<|im_end|>\n"
        },
        {
            "llama3",
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nWhat is the capital of France?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nParis.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nAnd of the cat?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nThe mat.<|eot_id|>"
        },
        {
            "llama2",
            "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nWhat is the capital of France? [/INST] Paris. </s><s>[INST] And of the cat? [/INST] The mat. </s>"
        },
        {
            "mistral",
            "<s>[INST] Be brief.\n\nWhat is the capital of France? [/INST] Paris.</s>[INST] And of the cat? [/INST] The mat.</s>"
        },
        {
            "plain",
            "<|system|>\nBe brief.\n<|user|>\nWhat is the capital of France?\n<|assistant|>\nParis.<|endoftext|><|user|>\nAnd of the cat?\n<|assistant|>\nThe mat.<|endoftext|>"
        },
    };

    /// <summary>The labelled runs of <see cref="Conversation"/>: each assistant turn with its end-of-turn token.</summary>
    public static TheoryData<string, string[]> Trained => new()
    {
        { "chatml", ["Paris.<|im_end|>", "The mat.<|im_end|>"] },
        { "llama3", ["Paris.<|eot_id|>", "The mat.<|eot_id|>"] },
        { "llama2", [" Paris. </s>", " The mat. </s>"] },
        { "mistral", [" Paris.</s>", " The mat.</s>"] },
        { "plain", ["Paris.<|endoftext|>", "The mat.<|endoftext|>"] },
    };

    private TextTokenizer TokenizerFor(string name) => name switch
    {
        "chatml" => tokenizers.ChatMl,
        "llama3" => tokenizers.Llama3,
        "llama2" => tokenizers.Llama2,
        "mistral" => tokenizers.Mistral,
        _ => tokenizers.Plain,
    };

    [Theory]
    [InlineData(null, "plain")]
    [InlineData("  ", "plain")]
    [InlineData(TinyTokenizers.QwenTemplate, "chatml")]
    [InlineData(TinyTokenizers.Llama3Template, "llama3")]
    [InlineData(TinyTokenizers.Llama2Template, "llama2")]
    [InlineData(TinyTokenizers.MistralTemplate, "mistral")]
    [InlineData("{% for m in messages %}{{ m.content }}{% endfor %}", null)]
    public void DetectsTheFamilyFromTheJinjaTemplate(string? jinja, string? expected)
    {
        Assert.Equal(expected, ChatTemplate.Detect(jinja));
    }

    [Theory]
    [MemberData(nameof(Rendered))]
    public void RendersLikeTheModelsOwnTemplate(string name, string expected)
    {
        var template = ChatTemplate.For(TokenizerFor(name));
        Assert.Equal(name, template.Name);
        Assert.Equal(expected, template.RenderText(Conversation));
    }

    [Theory]
    [MemberData(nameof(Trained))]
    public void OnlyAssistantContentAndEndOfTurnAreLabelled(string name, string[] expected)
    {
        var tok = TokenizerFor(name);
        var example = ChatTemplate.For(tok).Tokenize(Conversation);
        var runs = LabelledRuns(example);
        Assert.Equal(expected, runs.Select(run => tok.Decode(run)));
        for (var t = 0; t < example.Length; t++)
        {
            Assert.True(example.Labels[t] == TokenizedExample.IgnoreIndex || example.Labels[t] == example.InputIds[t]);
        }
    }

    [Theory]
    [MemberData(nameof(Rendered))]
    public void TurnByTurnEncodingMatchesEncodingTheWholeText(string name, string expected)
    {
        var tok = TokenizerFor(name);
        Assert.Equal(tok.Encode(expected, addSpecialTokens: false), ChatTemplate.For(tok).Tokenize(Conversation).InputIds);
    }

    [Fact]
    public void GenerationPromptOpensAnAssistantTurn()
    {
        ChatMessage[] question = [new("user", "hello")];
        var chatMl = ChatTemplate.For(tokenizers.ChatMl);
        Assert.Equal("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", chatMl.RenderText(question, addGenerationPrompt: true));
        Assert.Equal(tokenizers.ChatMl.Encode(chatMl.RenderText(question, addGenerationPrompt: true), addSpecialTokens: false), chatMl.EncodePrompt(question));

        Assert.EndsWith("<|start_header_id|>assistant<|end_header_id|>\n\n",
            ChatTemplate.For(tokenizers.Llama3).RenderText(question, addGenerationPrompt: true), StringComparison.Ordinal);
        Assert.Equal("<s>[INST] hello [/INST]", ChatTemplate.For(tokenizers.Llama2).RenderText(question, addGenerationPrompt: true));
        Assert.Equal("<s><|user|>\nhello\n<|assistant|>\n",
            ChatTemplate.For(tokenizers.PlainWithBos).RenderText(question, addGenerationPrompt: true));
    }

    [Fact]
    public void SentencePieceMistralLabelsTheAnswerAsItsOwnWords()
    {
        var tok = tokenizers.SentencePiece;
        ChatMessage[] chat = [new("user", "Hello"), new("assistant", "world")];
        var example = ChatTemplate.For(tok, "mistral").Tokenize(chat);
        Assert.Equal(tok.Encode("[INST] Hello [/INST] world</s>", addSpecialTokens: true), example.InputIds);
        Assert.Equal([.. tok.Encode("world", addSpecialTokens: false), tok.EosTokenId!.Value], LabelledRuns(example).Single());
    }

    [Fact]
    public void UnrecognisedTemplateSaysWhatIsSupported()
    {
        var tok = tokenizers.Variant(bos: null, eos: "<|endoftext|>", pad: null, template: "{{ messages | tojson }}");
        var ex = Assert.Throws<TrainingException>(() => ChatTemplate.For(tok));
        Assert.Contains("<|im_start|>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[INST]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("chatml, llama3, llama2, mistral, plain", ex.Message, StringComparison.Ordinal);
        Assert.Equal("llama3", ChatTemplate.For(tokenizers.Llama3, "LLAMA3").Name);
        Assert.Contains("Unknown chat template 'jinja'",
            Assert.Throws<TrainingException>(() => ChatTemplate.For(tok, "jinja")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplatesNeedTheirSpecialTokens()
    {
        var ex = Assert.Throws<TrainingException>(() => ChatTemplate.For(tokenizers.SentencePiece, "chatml"));
        Assert.Contains("'<|im_start|>' to be a single special token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InstTemplatesNeedAlternatingTurns()
    {
        ChatMessage[] chat = [new("assistant", "hi"), new("user", "hello")];
        var ex = Assert.Throws<TrainingException>(() => ChatTemplate.For(tokenizers.Mistral).Render(chat));
        Assert.Contains("message 0 is assistant where user was expected", ex.Message, StringComparison.Ordinal);
    }

    private static List<int[]> LabelledRuns(TokenizedExample example)
    {
        var runs = new List<int[]>();
        var run = new List<int>();
        foreach (var label in example.Labels.Append(TokenizedExample.IgnoreIndex))
        {
            if (label != TokenizedExample.IgnoreIndex)
            {
                run.Add(label);
            }
            else if (run.Count > 0)
            {
                runs.Add([.. run]);
                run.Clear();
            }
        }
        return runs;
    }
}
