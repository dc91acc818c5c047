using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>
/// The <c>[INST]</c> templates of Llama-2 chat and Mistral instruct. Both need user and assistant turns to
/// alternate, starting with the user, after an optional system message (their Jinja raises otherwise).
/// <para>Llama-2 (every exchange opens with BOS; contents are stripped; a system message becomes a
/// <c>&lt;&lt;SYS&gt;&gt;</c> block in the first user turn):</para>
/// <code>
/// &lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\nBe brief.\n&lt;&lt;/SYS&gt;&gt;\n\nHi [/INST] Hello! &lt;/s&gt;&lt;s&gt;[INST] Bye [/INST] Bye! &lt;/s&gt;
/// </code>
/// <para>Mistral (BOS once; a system message is put in front of the first user message, as Mistral's later
/// templates do, since the first ones had no system role):</para>
/// <code>
/// &lt;s&gt;[INST] Be brief.\n\nHi [/INST] Hello!&lt;/s&gt;[INST] Bye [/INST] Bye!&lt;/s&gt;
/// </code>
/// Trained: the assistant part after " [/INST]" up to and including EOS. Its leading space is trained too: in
/// these SentencePiece vocabularies it is part of the first word's token ("▁Hello").
/// </summary>
internal sealed class InstChatTemplate(TextTokenizer tokenizer, bool llama2) : ChatTemplate(tokenizer)
{
    public override string Name => llama2 ? Llama2Name : MistralName;

    private protected override void RenderCore(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, List<ChatSegment> output)
    {
        var bos = BosText();
        var eos = EosText();
        var system = messages.Count > 0 && messages[0].Role == ChatMessage.System ? messages[0].Content : null;
        var first = system is null ? 0 : 1;
        if (!llama2)
        {
            output.Add(new ChatSegment(bos, false));
        }
        for (var i = first; i < messages.Count; i++)
        {
            var message = messages[i];
            var expected = (i - first) % 2 == 0 ? ChatMessage.User : ChatMessage.Assistant;
            if (message.Role != expected)
            {
                throw new TrainingException(
                    $"the '{Name}' chat template needs user and assistant turns to alternate, starting with the user, "
                    + $"after an optional system message; message {i} is {message.Role} where {expected} was expected");
            }
            if (message.Role == ChatMessage.User)
            {
                var turnSystem = i == first ? system : null;
                output.Add(new ChatSegment(llama2 ? bos + UserLlama2(message.Content, turnSystem) : UserMistral(message.Content, turnSystem), false));
            }
            else
            {
                output.Add(new ChatSegment(llama2 ? $" {message.Content.Trim()} {eos}" : $" {message.Content}{eos}", true));
            }
        }
        // No generation prompt to add: a user turn already ends with " [/INST]", which the answer follows directly.
    }

    private static string UserLlama2(string content, string? system) =>
        "[INST] " + (system is null ? content : $"<<SYS>>\n{system}\n<</SYS>>\n\n{content}").Trim() + " [/INST]";

    private static string UserMistral(string content, string? system) =>
        "[INST] " + (system is null ? content : $"{system}\n\n{content}") + " [/INST]";
}
