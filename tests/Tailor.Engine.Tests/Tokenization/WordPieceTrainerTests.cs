using Microsoft.ML.Tokenizers;
using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

/// <summary>
/// The WordPiece vocabulary learner, checked through the tokenizer that will use its output: ML.Tokenizers'
/// <see cref="BertTokenizer"/> reading the written <c>vocab.txt</c>.
/// </summary>
public class WordPieceTrainerTests
{
    /// <summary>
    /// Review-like sentences: a few very frequent words, word families sharing stems and endings
    /// (watch/watching/watchable/rewatch, ...), punctuation, upper case and an accent to be normalised away.
    /// </summary>
    static List<string> Corpus(int sentences = 400, int seed = 11)
    {
        string[] common = ["the", "movie", "was", "and", "a", "film", "good", "bad", "plot", "acting"];
        string[] stems = ["watch", "play", "act", "direct", "enjoy", "predict", "forget", "love", "view", "laugh", "script",
            "cast", "cut", "edit", "film", "scare", "thrill", "bore", "charm", "shock", "hate", "rate", "dub", "frame"];
        string[] endings = ["", "ing", "ed", "able", "s", "er"];
        string[] prefixes = ["", "", "", "un", "re"];
        var random = new Random(seed);
        var corpus = new List<string>();
        for (int i = 0; i < sentences; i++)
        {
            var words = new List<string>();
            for (int w = 0; w < 8; w++)
            {
                words.Add(random.Next(3) == 0
                    ? prefixes[random.Next(prefixes.Length)] + stems[random.Next(stems.Length)] + endings[random.Next(endings.Length)]
                    : common[random.Next(common.Length)]);
            }
            words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
            corpus.Add(string.Join(' ', words) + (i % 3 == 0 ? "!" : ".") + (i % 50 == 0 ? " Café, naïve?" : ""));
        }
        return corpus;
    }

    static BertTokenizer Bert(string dir) =>
        BertTokenizer.Create(Path.Combine(dir, "vocab.txt"), new BertOptions { LowerCaseBeforeTokenization = true });

    static IReadOnlyList<int> Encode(BertTokenizer bert, string text) => bert.EncodeToIds(text, addSpecialTokens: false);

    [Fact]
    public void VocabFileHasSpecialsFirstAndIdsAreLineNumbers()
    {
        using var dir = new TempDirectory();
        var vocabulary = WordPieceTrainer.Train(Corpus(), 300, dir.Path);
        var text = File.ReadAllText(dir.File("vocab.txt"));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(vocabulary, lines);
        Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], lines[..5]);
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l)));

        var bert = Bert(dir.Path);
        Assert.Equal((0, 1, 2, 3, 4), (bert.PaddingTokenId, bert.UnknownTokenId, bert.ClassificationTokenId, bert.SeparatorTokenId, bert.MaskingTokenId));
        // Every whole-word entry encodes to its own line number.
        for (int id = 5; id < lines.Length; id++)
        {
            if (lines[id].StartsWith("##", StringComparison.Ordinal) || lines[id].Length == 1 && char.IsPunctuation(lines[id][0])) continue;
            Assert.Equal([id], Encode(bert, lines[id]));
        }
        Assert.True(File.Exists(dir.File("tokenizer_config.json")));
    }

    [Fact]
    public void TheFileIsAFunctionOfTheCorpusAlone()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        using var shuffled = new TempDirectory();
        var corpus = Corpus();
        WordPieceTrainer.Train(corpus, 250, first.Path);
        WordPieceTrainer.Train(Corpus(), 250, second.Path);
        // Counts do not depend on order, and ties break by ordinal order, so reordering the corpus changes nothing.
        var random = new Random(3);
        WordPieceTrainer.Train(corpus.OrderBy(_ => random.Next()).ToList(), 250, shuffled.Path);
        var bytes = File.ReadAllBytes(first.File("vocab.txt"));
        Assert.Equal(bytes, File.ReadAllBytes(second.File("vocab.txt")));
        Assert.Equal(bytes, File.ReadAllBytes(shuffled.File("vocab.txt")));
    }

    [Theory]
    [InlineData("the")]
    [InlineData("movie")]
    [InlineData("acting")]
    [InlineData("Movie")]
    public void FrequentWordsAreKeptWhole(string word)
    {
        using var dir = new TempDirectory();
        WordPieceTrainer.Train(Corpus(), 200, dir.Path);
        Assert.Single(Encode(Bert(dir.Path), word));
    }

    [Theory]
    [InlineData("unforgettable")]
    [InlineData("rewatchable")]
    [InlineData("overacting")]
    [InlineData("filmgoer")]
    [InlineData("unpredictably")]
    [InlineData("misdirected")]
    [InlineData("replaying")]
    public void RareAndUnseenWordsAreSpelledWithPiecesNotUnk(string word)
    {
        using var dir = new TempDirectory();
        var vocabulary = WordPieceTrainer.Train(Corpus(), 250, dir.Path, minCharCount: 1);
        var bert = Bert(dir.Path);
        var ids = Encode(bert, word);
        Assert.DoesNotContain(bert.UnknownTokenId, ids);
        // The pieces spell the word: a start, then ## continuations, some longer than one letter.
        var pieces = ids.Select(id => vocabulary[id]).ToList();
        Assert.Equal(word, pieces[0] + string.Concat(pieces.Skip(1).Select(p => p[2..])));
        Assert.All(pieces.Skip(1), p => Assert.StartsWith("##", p, StringComparison.Ordinal));
        Assert.True(pieces.Count > 1 && pieces.Count < word.Length, $"{word} -> {string.Join(" ", pieces)}");
    }

    [Fact]
    public void CaseIsFoldedAndAccentsKeptAsTheTokenizerDoes()
    {
        using var dir = new TempDirectory();
        var vocabulary = WordPieceTrainer.Train(Corpus(), 300, dir.Path, minCharCount: 1);
        Assert.DoesNotContain(vocabulary.Skip(5), v => v.Any(char.IsUpper));
        Assert.Contains("café", vocabulary);
        var bert = Bert(dir.Path);
        Assert.Equal([vocabulary.ToList().IndexOf("café")], Encode(bert, "CAFÉ"));
        Assert.DoesNotContain(bert.UnknownTokenId, Encode(bert, "Naïve cafés!"));
        // HF reads tokenizer_config.json: with do_lower_case and strip_accents null it would strip accents, and
        // "café" would become "cafe", a word this vocabulary was not built for.
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("tokenizer_config.json")));
        Assert.True(config.RootElement.GetProperty("do_lower_case").GetBoolean());
        Assert.False(config.RootElement.GetProperty("strip_accents").GetBoolean());
    }

    [Fact]
    public void CharactersBelowTheMinimumCountBecomeUnk()
    {
        using var dir = new TempDirectory();
        var vocabulary = WordPieceTrainer.Train([.. Corpus(), "жжж"], 300, dir.Path, minCharCount: 20);
        Assert.DoesNotContain("ж", vocabulary);
        var bert = Bert(dir.Path);
        Assert.Equal([bert.UnknownTokenId], Encode(bert, "ж"));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(40)]
    [InlineData(120)]
    [InlineData(240)]
    public void TheSizeCapIsRespected(int vocabSize)
    {
        using var dir = new TempDirectory();
        var vocabulary = WordPieceTrainer.Train(Corpus(), vocabSize, dir.Path);
        Assert.True(vocabulary.Count <= vocabSize, $"{vocabulary.Count} entries for a cap of {vocabSize}");
        Assert.Equal(vocabulary.Count, File.ReadAllLines(dir.File("vocab.txt")).Length);
        // This corpus offers more candidates than these caps, so the cap is reached exactly.
        Assert.Equal(vocabSize, vocabulary.Count);
    }

    [Fact]
    public void ASmallCorpusGivesFewerEntriesThanALargeCap()
    {
        using var dir = new TempDirectory();
        var vocabulary = WordPieceTrainer.Train(["ab ab ab"], 1000, dir.Path, minCharCount: 1);
        Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "##a", "##b", "ab"], vocabulary);
    }

    [Fact]
    public void LoneSurrogatesInTheCorpusDoNotStopTraining()
    {
        using var dir = new TempDirectory();
        // Legal in a .NET string and in JSON ("\ud800"), but string.Normalize throws on them. (BERT's cleaning then
        // drops the U+FFFD they become.)
        var vocabulary = WordPieceTrainer.Train([.. Corpus(), "bad \ud800 text \udc00x", "emoji \ud83d\ude00 ok"], 300, dir.Path, minCharCount: 1);
        Assert.All(vocabulary, v => Assert.Equal(v, WellFormedText.Repair(v)));
    }

    [Fact]
    public void WellFormedTextReplacesOnlyLoneSurrogates()
    {
        // In code, not [InlineData]: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        (string Text, string Expected)[] cases =
        [
            ("plain", "plain"), ("a\ud800b", "a\uFFFDb"), ("\udc00\ud800", "\uFFFD\uFFFD"),
            ("x\ud83d\ude00y", "x\ud83d\ude00y"), ("end\ud83d", "end\uFFFD"), ("", ""),
        ];
        foreach (var (text, expected) in cases) Assert.Equal(expected, WellFormedText.Repair(text));
        var plain = "no surrogates here";
        Assert.Same(plain, WellFormedText.Repair(plain));
    }

    [Fact]
    public void ACapWithoutRoomBeyondTheSpecialsIsRejected()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => WordPieceTrainer.Train(Corpus(), 5, dir.Path));
        Assert.Throws<ArgumentNullException>(() => WordPieceTrainer.Train(null!, 100, dir.Path));
    }
}
