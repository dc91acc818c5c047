using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>
/// Renders a conversation the way a model family's chat template does, turn by turn, so that the assistant
/// turns can be labelled and everything else masked (TRL's assistant_only_loss).
/// </summary>
/// <remarks>
/// Running the Jinja templates that ship with models is out of scope. Instead a few built-in renderers cover the
/// common families, chosen by looking for their markers in the tokenizer's chat_template (see <see cref="For"/>),
/// or by name:
/// <list type="bullet">
/// <item><c>chatml</c> (<c>&lt;|im_start|&gt;</c>: Qwen, SmolLM): see <see cref="ChatMlTemplate"/>.</item>
/// <item><c>llama3</c> (<c>&lt;|start_header_id|&gt;</c>): see <see cref="Llama3ChatTemplate"/>.</item>
/// <item><c>llama2</c> and <c>mistral</c> (<c>[INST]</c>; llama2 when the template has a <c>&lt;&lt;SYS&gt;&gt;</c>
/// block): see <see cref="InstChatTemplate"/>.</item>
/// <item><c>plain</c>, for models without a chat_template (Tailor's own): see <see cref="PlainChatTemplate"/>.</item>
/// </list>
/// None of them adds the default system prompts some templates inject when a conversation has none (Qwen2.5's,
/// Llama-3.1's date header): the data says exactly what the model sees.
/// </remarks>
public abstract class ChatTemplate
{
    public const string ChatMlName = "chatml";
    public const string Llama3Name = "llama3";
    public const string Llama2Name = "llama2";
    public const string MistralName = "mistral";
    public const string PlainName = "plain";

    private protected ChatTemplate(TextTokenizer tokenizer)
    {
        Tokenizer = tokenizer;
    }

    /// <summary>The names <see cref="For"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [ChatMlName, Llama3Name, Llama2Name, MistralName, PlainName];

    /// <summary>One of <see cref="Names"/>.</summary>
    public abstract string Name { get; }

    private protected TextTokenizer Tokenizer { get; }

    /// <summary>
    /// The template for <paramref name="tokenizer"/>: the one named by <paramref name="name"/> if given, else the
    /// one its chat_template is recognised as, else (no chat_template) <c>plain</c>.
    /// </summary>
    /// <exception cref="TrainingException">
    /// The name is unknown, the chat_template is not recognised, or the tokenizer lacks the special tokens the
    /// template needs.
    /// </exception>
    public static ChatTemplate For(TextTokenizer tokenizer, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (name is null)
        {
            name = Detect(tokenizer.ChatTemplate) ?? throw new TrainingException(
                "The tokenizer's chat_template is not one Tailor can render. Supported: ChatML (<|im_start|>: Qwen, SmolLM), "
                + "Llama-3 (<|start_header_id|>) and Llama-2/Mistral ([INST]). If the model follows one of these anyway, "
                + $"name it with the chat template option ({string.Join(", ", Names)}).");
        }
        return name.ToLowerInvariant() switch
        {
            ChatMlName => new ChatMlTemplate(tokenizer),
            Llama3Name => new Llama3ChatTemplate(tokenizer),
            Llama2Name => new InstChatTemplate(tokenizer, llama2: true),
            MistralName => new InstChatTemplate(tokenizer, llama2: false),
            PlainName => new PlainChatTemplate(tokenizer),
            _ => throw new TrainingException($"Unknown chat template '{name}'; expected one of {string.Join(", ", Names)}."),
        };
    }

    /// <summary>
    /// The name of the built-in renderer for a Jinja chat_template: <c>plain</c> when there is none, null when
    /// it is not recognised.
    /// </summary>
    public static string? Detect(string? chatTemplate)
    {
        if (string.IsNullOrWhiteSpace(chatTemplate))
        {
            return PlainName;
        }
        if (chatTemplate.Contains("<|im_start|>", StringComparison.Ordinal))
        {
            return ChatMlName;
        }
        if (chatTemplate.Contains("<|start_header_id|>", StringComparison.Ordinal))
        {
            return Llama3Name;
        }
        if (chatTemplate.Contains("[INST]", StringComparison.Ordinal))
        {
            return chatTemplate.Contains("<<SYS>>", StringComparison.Ordinal) ? Llama2Name : MistralName;
        }
        return null;
    }

    /// <summary>
    /// The conversation as text segments, assistant content (and its end-of-turn token) marked trained.
    /// <paramref name="addGenerationPrompt"/> appends what opens an assistant turn, for inference.
    /// </summary>
    /// <exception cref="TrainingException">The conversation does not fit the template (e.g. roles that do not alternate).</exception>
    public IReadOnlyList<ChatSegment> Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = false)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"Message {i} is null.", nameof(messages));
            if (!ChatMessage.Roles.Contains(message.Role))
            {
                throw new TrainingException($"message {i} has role '{message.Role}'; chat templates take {string.Join(", ", ChatMessage.Roles)}");
            }
        }
        var segments = new List<ChatSegment>();
        RenderCore(messages, addGenerationPrompt, segments);
        // Renderers may produce empty pieces (no BOS, say); they would only clutter the output.
        segments.RemoveAll(s => s.Text.Length == 0);
        return segments;
    }

    /// <summary>The conversation as one string, as the model's apply_chat_template would give it.</summary>
    public string RenderText(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = false) =>
        string.Concat(Render(messages, addGenerationPrompt).Select(s => s.Text));

    /// <summary>Token ids and labels of a training conversation: only the trained segments are labelled.</summary>
    public TokenizedExample Tokenize(IReadOnlyList<ChatMessage> messages)
    {
        var builder = new LabelledSequenceBuilder(Tokenizer);
        foreach (var segment in Render(messages))
        {
            builder.AddText(segment.Text, segment.Trained);
        }
        return builder.Build();
    }

    /// <summary>
    /// The ids of a conversation followed by the generation prompt, encoded exactly as in training, for
    /// generating the next assistant turn.
    /// </summary>
    public IReadOnlyList<int> EncodePrompt(IReadOnlyList<ChatMessage> messages)
    {
        var builder = new LabelledSequenceBuilder(Tokenizer);
        foreach (var segment in Render(messages, addGenerationPrompt: true))
        {
            builder.AddText(segment.Text, trained: false);
        }
        return builder.Build().InputIds;
    }

    private protected abstract void RenderCore(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, List<ChatSegment> output);

    /// <summary>The text of a token that must exist as a single special token, e.g. "&lt;|im_end|&gt;".</summary>
    private protected string RequireToken(string text)
    {
        var ids = Tokenizer.Encode(text, addSpecialTokens: false);
        if (ids.Count != 1)
        {
            throw new TrainingException(
                $"The '{Name}' chat template needs '{text}' to be a single special token, which this tokenizer does not have.");
        }
        return text;
    }

    /// <summary>The text of the BOS token, or "" when the tokenizer has none.</summary>
    private protected string BosText() => Tokenizer.BosTokenId is { } bos ? Tokenizer.Decode([bos]) : "";

    /// <summary>The text of the EOS token.</summary>
    private protected string EosText() => Tokenizer.EosTokenId is { } eos
        ? Tokenizer.Decode([eos])
        : throw new TrainingException($"The '{Name}' chat template ends assistant turns with EOS, but the tokenizer has no EOS token.");
}
