using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>
/// ChatML, as Qwen and SmolLM write it:
/// <code>
/// &lt;|im_start|&gt;user\nHi&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\nHello!&lt;|im_end|&gt;\n
/// </code>
/// Trained: the assistant content and its <c>&lt;|im_end|&gt;</c> (the model must learn to end its turn); the
/// "\n" after it is context, as in TRL's training templates. No BOS.
/// </summary>
internal sealed class ChatMlTemplate : ChatTemplate
{
    private readonly string _start;
    private readonly string _end;

    public ChatMlTemplate(TextTokenizer tokenizer) : base(tokenizer)
    {
        _start = RequireToken("<|im_start|>");
        _end = RequireToken("<|im_end|>");
    }

    public override string Name => ChatMlName;

    private protected override void RenderCore(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, List<ChatSegment> output)
    {
        foreach (var message in messages)
        {
            output.Add(new ChatSegment($"{_start}{message.Role}\n", false));
            output.Add(new ChatSegment(message.Content + _end, message.Role == ChatMessage.Assistant));
            output.Add(new ChatSegment("\n", false));
        }
        if (addGenerationPrompt)
        {
            output.Add(new ChatSegment($"{_start}{ChatMessage.Assistant}\n", false));
        }
    }
}
