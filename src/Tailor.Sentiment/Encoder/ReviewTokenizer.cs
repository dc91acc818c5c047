using Microsoft.ML.Tokenizers;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Data;

namespace Tailor.Sentiment.Encoder;

/// <summary>
/// Turns a review into encoder input: cleaned text, uncased WordPiece from <c>vocab.txt</c> (ML.Tokenizers'
/// <see cref="BertTokenizer"/>), wrapped in [CLS] … [SEP].
/// </summary>
/// <remarks>
/// Truncation policy: a review longer than the model's window keeps its first quarter-window and its last
/// three quarters (head + tail; Sun et al. 2019 found head+tail best for IMDB, since reviews state their verdict
/// at the start and sum it up at the end). Any text is accepted: empty text gives [CLS] [SEP], characters
/// outside the vocabulary give [UNK], and length is bounded by the window, so 100k characters cost no more to
/// classify than a normal review (only the tokenizer reads them all).
/// </remarks>
public sealed class ReviewTokenizer
{
    readonly BertTokenizer bert;

    ReviewTokenizer(BertTokenizer bert) => this.bert = bert;

    public static ReviewTokenizer Load(string modelDir)
    {
        var path = Path.Combine(modelDir, "vocab.txt");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found (an encoder folder needs a WordPiece vocab.txt)", path);
        return new ReviewTokenizer(BertTokenizer.Create(path, new BertOptions { LowerCaseBeforeTokenization = true }));
    }

    public int PadId => bert.PaddingTokenId;
    public int ClsId => bert.ClassificationTokenId;
    public int SepId => bert.SeparatorTokenId;
    public int MaskId => bert.MaskingTokenId;
    public int UnknownId => bert.UnknownTokenId;

    /// <summary>The ids that are never masked in pretraining.</summary>
    public IReadOnlyCollection<int> SpecialIds => [PadId, UnknownId, ClsId, SepId, MaskId];

    /// <summary>WordPiece ids of the cleaned review, no special tokens, no truncation.</summary>
    public IReadOnlyList<int> Pieces(string review) =>
        bert.EncodeToIds(WellFormedText.Repair(ReviewText.Clean(review ?? throw new ArgumentNullException(nameof(review)))),
            addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);

    /// <summary>[CLS] pieces [SEP], at most <paramref name="maxLength"/> ids, cut head + tail (see the remarks).</summary>
    public int[] Encode(string review, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var pieces = Pieces(review);
        int room = maxLength - 2;
        var result = new int[Math.Min(pieces.Count, room) + 2];
        result[0] = ClsId;
        result[^1] = SepId;
        if (pieces.Count <= room)
        {
            for (int i = 0; i < pieces.Count; i++) result[i + 1] = pieces[i];
            return result;
        }
        int head = room / 4, tail = room - head;
        for (int i = 0; i < head; i++) result[i + 1] = pieces[i];
        for (int i = 0; i < tail; i++) result[head + 1 + i] = pieces[pieces.Count - tail + i];
        return result;
    }

    /// <summary>
    /// The whole review as consecutive windows of at most <paramref name="maxLength"/> ids, each [CLS] … [SEP]:
    /// pretraining reads every word, not only what classification keeps.
    /// </summary>
    public IEnumerable<int[]> Windows(string review, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 3);
        var pieces = Pieces(review);
        int room = maxLength - 2;
        for (int start = 0; start < Math.Max(1, pieces.Count); start += room)
        {
            int n = Math.Min(room, pieces.Count - start);
            var window = new int[n + 2];
            window[0] = ClsId;
            window[^1] = SepId;
            for (int i = 0; i < n; i++) window[i + 1] = pieces[start + i];
            yield return window;
        }
    }
}
