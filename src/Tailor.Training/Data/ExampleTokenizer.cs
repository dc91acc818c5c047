using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>
/// Turns records into <see cref="TokenizedExample"/>s with the loss masked as TRL's SFTTrainer masks it.
/// </summary>
/// <remarks>
/// BOS/EOS policy, following TRL:
/// <list type="bullet">
/// <item>Prompt-completion: the tokenizer's prefix (BOS when it adds one, i.e. what <c>Encode</c> with special
/// tokens puts in front) + prompt + completion + EOS. Prompt and completion are encoded separately and their
/// ids concatenated, so the boundary is exact; write the completion with its leading space (" Paris") as
/// TRL's data does. Only completion and EOS are labelled (completion_only_loss). EOS is appended unless the
/// completion already ends with it, so the model learns to stop.</item>
/// <item>Text (language modelling): prefix + text + EOS, every token labelled.</item>
/// <item>Conversations: whatever the <see cref="Data.ChatTemplate"/> renders (it places BOS itself); only
/// assistant turns are labelled; no EOS is added (each turn ends with the template's end-of-turn token).</item>
/// </list>
/// In all cases position 0 is never labelled (nothing predicts it), and BOS is never a target.
/// </remarks>
public sealed class ExampleTokenizer
{
    private readonly string? _chatTemplateName;
    private ChatTemplate? _chatTemplate;

    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">A built-in template name (<see cref="ChatTemplate.Names"/>) to use instead of detecting one.</param>
    public ExampleTokenizer(TextTokenizer tokenizer, string? chatTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        Tokenizer = tokenizer;
        _chatTemplateName = chatTemplate;
    }

    public TextTokenizer Tokenizer { get; }

    /// <summary>
    /// The template conversations are rendered with, chosen on first use: data without conversations then
    /// never needs a template the model's chat_template can be matched to.
    /// </summary>
    /// <exception cref="TrainingException">See <see cref="ChatTemplate.For"/>.</exception>
    public ChatTemplate ChatTemplate => _chatTemplate ??= ChatTemplate.For(Tokenizer, _chatTemplateName);

    /// <exception cref="TrainingException">The record cannot be tokenized; the message starts with its "file:line".</exception>
    public TokenizedExample Tokenize(SftRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        switch (record)
        {
            case PromptCompletionRecord pc:
                return Sequence(pc.Prompt, pc.Completion);
            case TextRecord text:
                return Sequence(prompt: null, text.Text);
            case ConversationRecord conversation:
                var template = ChatTemplate;
                try
                {
                    return template.Tokenize(conversation.Messages);
                }
                catch (TrainingException ex)
                {
                    throw new TrainingException($"{record.Source}: {ex.Message}", ex);
                }
            default:
                throw new ArgumentException($"Unknown record type {record.GetType().Name}.", nameof(record));
        }
    }

    private TokenizedExample Sequence(string? prompt, string trained)
    {
        var eos = Tokenizer.EosTokenId ?? throw new TrainingException(
            "The tokenizer has no EOS token; prompt-completion and text examples end with one so that the model learns to stop.");
        var builder = new LabelledSequenceBuilder(Tokenizer);
        builder.AddTokens(Tokenizer.PrefixTokenIds, trained: false);
        if (prompt is not null)
        {
            builder.AddText(prompt, trained: false);
        }
        builder.AddText(trained, trained: true);
        if (builder.LastId != eos)
        {
            builder.AddToken(eos, trained: true);
        }
        return builder.Build();
    }
}
