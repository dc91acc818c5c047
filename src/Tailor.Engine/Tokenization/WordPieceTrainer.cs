using System.Text;
using Microsoft.ML.Tokenizers;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// Learns a BERT <c>vocab.txt</c> (uncased WordPiece) from a corpus, for encoders trained from scratch.
/// ML.Tokenizers runs WordPiece but cannot learn a vocabulary, so the learning lives here.
/// </summary>
/// <remarks>
/// Words are cut exactly as <see cref="BertTokenizer"/> cuts them at run time (its own normalizer and
/// pre-tokenizer: lower-casing, punctuation split; accents are kept, as the ML.Tokenizers options we run with
/// keep them, and <c>tokenizer_config.json</c> says so with <c>strip_accents: false</c>), so the vocabulary fits
/// the encoder's input. The vocabulary is: the five BERT special tokens, every character seen at least
/// <c>minCharCount</c> times (as a word start and as a <c>##</c> continuation, so most text has no [UNK]), then,
/// by a single frequency ranking, whole words and the word pieces that let rarer words be spelled with few
/// tokens: for each word not kept whole, its prefixes and its <c>##</c> suffixes, weighted by the word's count.
/// This is a frequency approximation of WordPiece's likelihood-driven merges; greedy longest-match encoding
/// then spells a rare word as a known stem and a known ending ("un", "##watch", "##able"). Ties break by
/// ordinal order, so the file is a function of the corpus alone.
/// </remarks>
public static class WordPieceTrainer
{
    public static readonly IReadOnlyList<string> SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>Pieces longer than this are not proposed (long pieces rarely pay for their slot).</summary>
    const int MaxPieceLength = 8;

    /// <summary>Learns a vocabulary of at most <paramref name="vocabSize"/> entries and writes it to <paramref name="outputDir"/>.</summary>
    public static IReadOnlyList<string> Train(IEnumerable<string> corpus, int vocabSize, string outputDir, int minCharCount = 20)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, SpecialTokens.Count + 1);
        var words = CountWords(corpus);
        var vocabulary = Choose(words, vocabSize, minCharCount);
        Write(vocabulary, outputDir);
        return vocabulary;
    }

    /// <summary>How often each pre-tokenized word occurs, cut by BERT's own normalizer and pre-tokenizer.</summary>
    public static Dictionary<string, long> CountWords(IEnumerable<string> corpus)
    {
        var bert = SpecialsOnlyTokenizer();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in corpus)
        {
            var wellFormed = WellFormedText.Repair(text);
            var normalized = bert.Normalizer?.Normalize(wellFormed) ?? wellFormed;
            foreach (var (offset, length) in bert.PreTokenizer!.PreTokenize(normalized))
            {
                var word = normalized.Substring(offset, length);
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }
        return counts;
    }

    static List<string> Choose(Dictionary<string, long> words, int vocabSize, int minCharCount)
    {
        var vocabulary = new List<string>(SpecialTokens);
        var taken = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        void Add(string piece)
        {
            if (vocabulary.Count < vocabSize && taken.Add(piece)) vocabulary.Add(piece);
        }

        var chars = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (word, count) in words)
        {
            var e = StringInfo(word);
            foreach (var c in e) chars[c] = chars.GetValueOrDefault(c) + count;
        }
        foreach (var (c, _) in Ranked(chars.Where(c => c.Value >= minCharCount))) Add(c);
        foreach (var (c, _) in Ranked(chars.Where(c => c.Value >= minCharCount))) Add("##" + c);

        // Whole words compete with pieces in one ranking. A piece's count is what the words that are not
        // themselves frequent enough to be kept whole would gain from it; a word counts once for itself.
        var wordRanking = Ranked(words).ToList();
        int slots = vocabSize - vocabulary.Count;
        var keptWhole = new HashSet<string>(wordRanking.Take(slots).Select(w => w.Key), StringComparer.Ordinal);
        var pieces = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (word, count) in words)
        {
            if (keptWhole.Contains(word)) continue;
            var e = StringInfo(word);
            for (int n = 2; n <= Math.Min(MaxPieceLength, e.Length - 1); n++)
            {
                var prefix = string.Concat(e[..n]);
                pieces[prefix] = pieces.GetValueOrDefault(prefix) + count;
                var suffix = "##" + string.Concat(e[^n..]);
                pieces[suffix] = pieces.GetValueOrDefault(suffix) + count;
            }
        }
        var candidates = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (word, count) in wordRanking) candidates[word] = count;
        // A piece must be worth more than the words it displaces: discounted so that whole common words win.
        foreach (var (piece, count) in pieces) candidates[piece] = Math.Max(candidates.GetValueOrDefault(piece), count / 2);
        foreach (var (piece, _) in Ranked(candidates)) Add(piece);
        return vocabulary;
    }

    /// <summary>The text's characters (surrogate pairs kept together).</summary>
    static string[] StringInfo(string word)
    {
        var result = new List<string>(word.Length);
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(word);
        while (e.MoveNext()) result.Add((string)e.Current);
        return [.. result];
    }

    static IEnumerable<KeyValuePair<string, long>> Ranked(IEnumerable<KeyValuePair<string, long>> counts) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal);

    /// <summary>Writes <c>vocab.txt</c> (one piece per line, id = line number) and HF's <c>tokenizer_config.json</c>.</summary>
    static void Write(IReadOnlyList<string> vocabulary, string outputDir)
    {
        Directory.CreateDirectory(outputDir);
        File.WriteAllText(Path.Combine(outputDir, "vocab.txt"), string.Join('\n', vocabulary) + "\n", new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(outputDir, "tokenizer_config.json"), """
            {
              "tokenizer_class": "BertTokenizer",
              "do_lower_case": true,
              "strip_accents": false,
              "tokenize_chinese_chars": true,
              "unk_token": "[UNK]",
              "sep_token": "[SEP]",
              "pad_token": "[PAD]",
              "cls_token": "[CLS]",
              "mask_token": "[MASK]"
            }
            """);
    }

    /// <summary>A BertTokenizer over the special tokens alone: we only borrow its normalizer and pre-tokenizer.</summary>
    static BertTokenizer SpecialsOnlyTokenizer()
    {
        using var vocab = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', SpecialTokens) + "\n"));
        return BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
    }
}
