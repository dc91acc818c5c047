namespace Tailor.Training.Data;

/// <summary>The dataset formats of TRL's SFTTrainer that Tailor reads. A file holds one format throughout.</summary>
public enum SftFormat
{
    /// <summary><c>{"prompt": "...", "completion": "..."}</c>.</summary>
    PromptCompletion,

    /// <summary><c>{"messages": [{"role": "user", "content": "..."}, ...]}</c>.</summary>
    Conversational,

    /// <summary><c>{"text": "..."}</c> lines, or a plain-text corpus (.txt).</summary>
    LanguageModeling,
}
