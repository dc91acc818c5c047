using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>
/// Llama-3's template:
/// <code>
/// &lt;|begin_of_text|&gt;&lt;|start_header_id|&gt;user&lt;|end_header_id|&gt;\n\nHi&lt;|eot_id|&gt;&lt;|start_header_id|&gt;assistant&lt;|end_header_id|&gt;\n\nHello!&lt;|eot_id|&gt;
/// </code>
/// BOS (the tokenizer's, <c>&lt;|begin_of_text|&gt;</c>) once at the start; contents are trimmed, as the template
/// does. Trained: the assistant content and its <c>&lt;|eot_id|&gt;</c>.
/// </summary>
internal sealed class Llama3ChatTemplate : ChatTemplate
{
    private readonly string _headerStart;
    private readonly string _headerEnd;
    private readonly string _endOfTurn;

    public Llama3ChatTemplate(TextTokenizer tokenizer) : base(tokenizer)
    {
        _headerStart = RequireToken("<|start_header_id|>");
        _headerEnd = RequireToken("<|end_header_id|>");
        _endOfTurn = RequireToken("<|eot_id|>");
    }

    public override string Name => Llama3Name;

    private protected override void RenderCore(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, List<ChatSegment> output)
    {
        output.Add(new ChatSegment(BosText(), false));
        foreach (var message in messages)
        {
            output.Add(new ChatSegment(Header(message.Role), false));
            output.Add(new ChatSegment(message.Content.Trim() + _endOfTurn, message.Role == ChatMessage.Assistant));
        }
        if (addGenerationPrompt)
        {
            output.Add(new ChatSegment(Header(ChatMessage.Assistant), false));
        }
    }

    private string Header(string role) => $"{_headerStart}{role}{_headerEnd}\n\n";
}
