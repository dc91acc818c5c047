using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Data;
using Tailor.Training.Data;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// The decoder routes' prompt, in token ids: <c>[BOS] Review: {review}\nSentiment:</c>, each demonstration followed by
/// its label word and a blank line, the query last. The label words are " negative" and " positive" (label-id order).
/// </summary>
/// <remarks>
/// Every piece is encoded on its own and the ids are laid end to end, so a review's cut never changes how the cue or the
/// label word tokenize, and the label tokens scored are exactly the ones a training example teaches. (With byte-level
/// BPE and the GPT-2 split, encoding the pieces apart gives the same ids as encoding the joined text: each piece
/// starts at a pre-token boundary.) A review longer than <see cref="MaxReviewTokens"/> keeps its first quarter and its
/// last three quarters (head + tail, as the encoder route cuts), so the verdict most reviews end with survives.
/// </remarks>
public sealed class ReviewPrompt
{
    public const string ReviewPrefix = "Review:";
    public const string SentimentCue = "\nSentiment:";
    public const string Separator = "\n\n";

    /// <summary>What follows the cue for each label, in label-id order (0 negative, 1 positive).</summary>
    public static IReadOnlyList<string> LabelWords { get; } = [" negative", " positive"];

    readonly TextTokenizer tokenizer;
    readonly int[] prefix;
    readonly int[] cue;
    readonly int[] separator;

    public ReviewPrompt(TextTokenizer tokenizer, int maxReviewTokens)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReviewTokens, 4);
        this.tokenizer = tokenizer;
        MaxReviewTokens = maxReviewTokens;
        prefix = Encode(ReviewPrefix);
        cue = Encode(SentimentCue);
        separator = Encode(Separator);
        LabelTokens = [.. LabelWords.Select(Encode)];
        if (LabelTokens[0].SequenceEqual(LabelTokens[1])) throw new ArgumentException("the two label words encode to the same tokens", nameof(tokenizer));
    }

    public int MaxReviewTokens { get; }

    /// <summary>The label words' token ids, in label-id order.</summary>
    public IReadOnlyList<int[]> LabelTokens { get; }

    /// <summary>Ids in front of every prompt (BOS when the tokenizer adds one).</summary>
    public IReadOnlyList<int> Start => tokenizer.PrefixTokenIds;

    int[] Encode(string text) => [.. tokenizer.Encode(text, addSpecialTokens: false)];

    /// <summary>" " + the cleaned review, cut head + tail to <see cref="MaxReviewTokens"/> ids.</summary>
    public int[] ReviewTokens(string review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var ids = Encode(" " + ReviewText.Clean(review).Trim());
        if (ids.Length <= MaxReviewTokens) return ids;
        int head = MaxReviewTokens / 4, tail = MaxReviewTokens - head;
        return [.. ids[..head], .. ids[^tail..]];
    }

    /// <summary>"Review: {review}\nSentiment:" without BOS.</summary>
    public int[] Query(string review) => [.. prefix, .. ReviewTokens(review), .. cue];

    /// <summary>A demonstration: the query, its label word, a blank line.</summary>
    public int[] Demonstration(SentimentExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return [.. Query(example.Text), .. LabelTokens[example.Label], .. separator];
    }

    /// <summary>BOS, the demonstrations in order, then the query: the ids after which a label word is scored.</summary>
    public int[] Context(IReadOnlyList<SentimentExample> demonstrations, string review)
    {
        ArgumentNullException.ThrowIfNull(demonstrations);
        var ids = new List<int>(Start);
        foreach (var d in demonstrations) ids.AddRange(Demonstration(d));
        ids.AddRange(Query(review));
        return [.. ids];
    }

    /// <summary>
    /// A LoRA training example: BOS + query unlabelled, then the label word's tokens labelled: the loss is on the label
    /// only (the prompt is masked, as SFT masks it).
    /// </summary>
    public TokenizedExample TrainingExample(SentimentExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var context = Context([], example.Text);
        var label = LabelTokens[example.Label];
        return new TokenizedExample(
            [.. context, .. label],
            [.. Enumerable.Repeat(TokenizedExample.IgnoreIndex, context.Length), .. label]);
    }

    /// <summary>A pretraining document: "Review: {review}" (no label), so the prompt's format is not new to the model.</summary>
    public int[] Document(string review) => [.. Start, .. prefix, .. ReviewTokens(review)];
}
