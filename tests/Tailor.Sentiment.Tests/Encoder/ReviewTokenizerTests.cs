using System.Text;
using Tailor.Engine.Tokenization;
using Tailor.Sentiment.Encoder;

namespace Tailor.Sentiment.Tests.Encoder;

/// <summary>A vocabulary learned by <see cref="WordPieceTrainer"/> from a small review-like corpus, shared by the tests.</summary>
public sealed class ReviewVocabularyFixture : IDisposable
{
    readonly TempDirectory dir = new();

    public ReviewVocabularyFixture()
    {
        string[] words = ["the", "movie", "film", "was", "great", "awful", "acting", "plot", "ending", "boring", "loved", "hated",
            "wonderful", "terrible", "and", "but", "a", "story", "watch", "again", "never", "music", "cast", "director"];
        var random = new Random(17);
        var corpus = Enumerable.Range(0, 300).Select(_ =>
            string.Join(' ', Enumerable.Range(0, random.Next(5, 15)).Select(_ => words[random.Next(words.Length)])) + ". 10/10!");
        Vocabulary = WordPieceTrainer.Train(corpus, 200, dir.Path, minCharCount: 1);
        Tokenizer = ReviewTokenizer.Load(dir.Path);
    }

    public string Folder => dir.Path;
    public IReadOnlyList<string> Vocabulary { get; }
    public ReviewTokenizer Tokenizer { get; }

    public void Dispose() => dir.Dispose();
}

public class ReviewTokenizerTests(ReviewVocabularyFixture vocab) : IClassFixture<ReviewVocabularyFixture>
{
    readonly ReviewTokenizer tokenizer = vocab.Tokenizer;

    /// <summary>A long review of distinct-looking text, many more pieces than any window here.</summary>
    static string LongReview(int words, int seed)
    {
        string[] pool = ["great", "awful", "movie", "plot", "ending", "cast", "music", "never", "again", "story", "acting", "xylophone", "9"];
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => pool[random.Next(pool.Length)]));
    }

    [Fact]
    public void SpecialIdsAreTheVocabularysFirstLines()
    {
        Assert.Equal((0, 1, 2, 3, 4), (tokenizer.PadId, tokenizer.UnknownId, tokenizer.ClsId, tokenizer.SepId, tokenizer.MaskId));
        Assert.Equal([0, 1, 2, 3, 4], tokenizer.SpecialIds.Order());
    }

    [Fact]
    public void AShortReviewIsWrappedInClsAndSep()
    {
        var ids = tokenizer.Encode("The movie was GREAT<br /><br />loved it", 64);
        Assert.Equal([tokenizer.ClsId, .. tokenizer.Pieces("the movie was great loved it"), tokenizer.SepId], ids);
        // Known words are single pieces; the line breaks are layout, not words.
        Assert.Equal(["[CLS]", "the", "movie", "was", "great", "loved"], ids.Take(6).Select(id => vocab.Vocabulary[id]));
    }

    [Theory]
    [InlineData(34)]   // room 32: head 8, tail 24
    [InlineData(13)]   // room 11: head 2, tail 9
    [InlineData(256)]
    public void LongReviewsKeepTheFirstQuarterAndTheLastThreeQuarters(int maxLength)
    {
        var review = LongReview(400, seed: maxLength);
        var pieces = tokenizer.Pieces(review);
        Assert.True(pieces.Count > maxLength);
        var ids = tokenizer.Encode(review, maxLength);

        int room = maxLength - 2, head = room / 4, tail = room - head;
        Assert.Equal(maxLength, ids.Length);
        Assert.Equal(tokenizer.ClsId, ids[0]);
        Assert.Equal(tokenizer.SepId, ids[^1]);
        Assert.Equal(pieces.Take(head), ids[1..(1 + head)]);
        Assert.Equal(pieces.Skip(pieces.Count - tail), ids[(1 + head)..^1]);
    }

    [Fact]
    public void AReviewThatFitsExactlyIsNotCut()
    {
        var review = LongReview(400, seed: 1);
        var pieces = tokenizer.Pieces(review);
        Assert.Equal([tokenizer.ClsId, .. pieces, tokenizer.SepId], tokenizer.Encode(review, pieces.Count + 2));
        Assert.Equal(pieces.Count + 1, tokenizer.Encode(review, pieces.Count + 1).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("<br /><br/><BR>")]
    public void EmptyTextGivesClsSep(string review)
    {
        Assert.Equal([tokenizer.ClsId, tokenizer.SepId], tokenizer.Encode(review, 16));
        Assert.Equal([[tokenizer.ClsId, tokenizer.SepId]], tokenizer.Windows(review, 16));
    }

    [Fact]
    public void AHundredThousandCharacterReviewHasBoundedLength()
    {
        var review = new StringBuilder().Insert(0, "the acting was wonderful but the ending was awful. ", 2000).ToString()[^100_000..];
        Assert.Equal(100_000, review.Length);
        var ids = tokenizer.Encode(review, 128);
        Assert.Equal(128, ids.Length);
        Assert.Equal("awful", vocab.Vocabulary[ids[^3]]);  // the tail is the review's end: "... awful ." then [SEP]
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BinaryJunkNeverThrows(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        bytes[0] = 0;
        bytes[100] = 0;
        // Decoded both ways: UTF-8 gives replacement characters, Latin-1 gives \0, control and high characters.
        foreach (var junk in new[] { Encoding.UTF8.GetString(bytes), Encoding.Latin1.GetString(bytes), "\0\0\u0001\u001b[2J\uffff\ud800" })
        {
            var ids = tokenizer.Encode(junk, 64);
            Assert.InRange(ids.Length, 2, 64);
            Assert.Equal(tokenizer.ClsId, ids[0]);
            Assert.Equal(tokenizer.SepId, ids[^1]);
            Assert.All(ids, id => Assert.InRange(id, 0, vocab.Vocabulary.Count - 1));
            Assert.All(tokenizer.Windows(junk, 64), w => Assert.InRange(w.Length, 2, 64));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(66)]
    public void WindowsCoverEveryPieceOnceInOrder(int maxLength)
    {
        var review = LongReview(150, seed: maxLength);
        var pieces = tokenizer.Pieces(review);
        var windows = tokenizer.Windows(review, maxLength).ToList();
        Assert.All(windows, w =>
        {
            Assert.InRange(w.Length, 3, maxLength);
            Assert.Equal(tokenizer.ClsId, w[0]);
            Assert.Equal(tokenizer.SepId, w[^1]);
        });
        Assert.All(windows.SkipLast(1), w => Assert.Equal(maxLength, w.Length));  // only the last window is short
        Assert.Equal(pieces, windows.SelectMany(w => w[1..^1]));
        Assert.Equal((pieces.Count + maxLength - 3) / (maxLength - 2), windows.Count);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => tokenizer.Encode(null!, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Encode("great", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Windows("great", 2).ToList());
    }

    [Fact]
    public void AFolderWithoutVocabIsAClearError()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => ReviewTokenizer.Load(dir.Path));
        Assert.Contains(Path.Combine(dir.Path, "vocab.txt"), e.Message, StringComparison.Ordinal);
    }
}
