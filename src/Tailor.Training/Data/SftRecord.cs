namespace Tailor.Training.Data;

/// <summary>
/// One example of a fine-tuning data file, before tokenization, in one of TRL's dataset formats.
/// <see cref="Source"/> ("data/train.jsonl:17") is where it was read, so that later errors can point at it.
/// </summary>
public abstract record SftRecord(string Source)
{
    /// <summary>The dataset format this record was written in.</summary>
    public abstract SftFormat Format { get; }
}

/// <summary>
/// TRL's prompt-completion format, <c>{"prompt": "...", "completion": "..."}</c>: the loss falls on the completion only.
/// </summary>
public sealed record PromptCompletionRecord(string Source, string Prompt, string Completion) : SftRecord(Source)
{
    public override SftFormat Format => SftFormat.PromptCompletion;
}

/// <summary>
/// TRL's conversational format, <c>{"messages": [{"role": ..., "content": ...}, ...]}</c>: rendered with a
/// <see cref="ChatTemplate"/>, and the loss falls on the assistant turns only (TRL's assistant_only_loss).
/// </summary>
public sealed record ConversationRecord(string Source, IReadOnlyList<ChatMessage> Messages) : SftRecord(Source)
{
    public override SftFormat Format => SftFormat.Conversational;
}

/// <summary>
/// TRL's language-modelling format, <c>{"text": "..."}</c>, and each document of a plain-text corpus: the loss
/// falls on every token.
/// </summary>
public sealed record TextRecord(string Source, string Text) : SftRecord(Source)
{
    public override SftFormat Format => SftFormat.LanguageModeling;
}
