using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>
/// Tailor's template for models without a chat_template (its own, trained from scratch). Role markers are plain
/// text, so it needs no special tokens beyond EOS:
/// <code>
/// [BOS]&lt;|system|&gt;\nBe brief.\n&lt;|user|&gt;\nHi\n&lt;|assistant|&gt;\nHello![EOS]&lt;|user|&gt;\nBye\n&lt;|assistant|&gt;\nBye![EOS]
/// </code>
/// BOS only when the tokenizer puts it in front of every text (add_bos_token), as the model then always saw
/// it in pretraining. Trained: assistant content and the EOS after it, so generation stops on the EOS the
/// engine already stops at. The generation prompt is "&lt;|assistant|&gt;\n".
/// </summary>
internal sealed class PlainChatTemplate(TextTokenizer tokenizer) : ChatTemplate(tokenizer)
{
    public override string Name => PlainName;

    private protected override void RenderCore(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, List<ChatSegment> output)
    {
        var eos = EosText();
        output.Add(new ChatSegment(Tokenizer.Decode(Tokenizer.PrefixTokenIds), false));
        foreach (var message in messages)
        {
            output.Add(new ChatSegment(Marker(message.Role), false));
            output.Add(message.Role == ChatMessage.Assistant
                ? new ChatSegment(message.Content + eos, true)
                : new ChatSegment(message.Content + "\n", false));
        }
        if (addGenerationPrompt)
        {
            output.Add(new ChatSegment(Marker(ChatMessage.Assistant), false));
        }
    }

    private static string Marker(string role) => $"<|{role}|>\n";
}
