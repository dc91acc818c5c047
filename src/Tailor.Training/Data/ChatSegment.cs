namespace Tailor.Training.Data;

/// <summary>
/// A piece of a rendered conversation. <see cref="Trained"/> pieces (assistant content and the end-of-turn
/// token after it) carry the loss; the rest is context. Special tokens appear as their text ("&lt;|im_end|&gt;").
/// </summary>
public readonly record struct ChatSegment(string Text, bool Trained);
