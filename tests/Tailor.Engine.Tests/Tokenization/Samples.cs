using System.Text;

namespace Tailor.Engine.Tests.Tokenization;

/// <summary>Texts for the tokenizer tests.</summary>
internal static class Samples
{
    /// <summary>Strings that must survive Decode(Encode(s)) unchanged with any of our tokenizers.</summary>
    public static readonly TheoryData<string> RoundTrip =
    [
        "",
        "Hello, world!",
        "The quick brown fox jumps over the lazy dog.",
        " leading space",
        "trailing space ",
        "   runs   of    spaces   ",
        "\ttabs\tand\nnewlines\r\n\n\n  indented\n\t\tdeeper",
        "東京は日本の首都です。中文汉字，한국어 텍스트",
        "Café naïve façade résumé jalapeño Ångström Øre ß",
        "e\u0301 combining accent, \u200bzero\u200dwidth\u00a0nbsp",
        "מה שלום? مرحبا بالعالم (RTL with LTR)",
        "emoji 😀 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇯🇵 ❤️",
        "𝐀𝐁𝐂 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters outside the BMP 𠀀",
        "code: for (int i = 0; i < n; i++) { x += a[i] * 2; } // done",
        "numbers 3.14159 1234567890 and 1,000,000",
        "don't you'll we've I'm she'd THEY'RE",
        "\u0000\u0001 control \u007f chars \u00ad soft hyphen",
    ];

    /// <summary>
    /// A deterministic English-like corpus of about <paramref name="bytes"/> characters: sentences drawn from a
    /// fixed word list with a Zipf-like skew (so frequent words exist), numbers, punctuation and some non-ASCII.
    /// <paramref name="extraWords"/> made-up words are appended to the list to give the long tail of rare words
    /// that real text has.
    /// </summary>
    public static IEnumerable<string> Corpus(int bytes, int seed = 1234, int extraWords = 0)
    {
        var random = new Random(seed);
        var words = Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(MadeUpWords(extraWords, seed)).ToArray();
        var produced = 0;
        var line = new StringBuilder();
        while (produced < bytes)
        {
            line.Clear();
            var sentenceLength = 4 + random.Next(12);
            for (var i = 0; i < sentenceLength; i++)
            {
                // Cubing a uniform draw favours the start of the list: "the", "of", "and" are the most common.
                var u = random.NextDouble();
                var word = words[(int)(u * u * u * words.Length)];
                if (i == 0)
                {
                    word = char.ToUpperInvariant(word[0]) + word[1..];
                }
                else
                {
                    line.Append(' ');
                }
                line.Append(word);
                if (random.Next(40) == 0)
                {
                    line.Append(' ').Append(random.Next(2000));
                }
            }
            line.Append(random.Next(8) == 0 ? "?" : ".");
            var text = line.ToString();
            produced += text.Length + 1;
            yield return text;
        }
    }

    private static IEnumerable<string> MadeUpWords(int count, int seed)
    {
        string[] syllables = ["ka", "lo", "mi", "tra", "ben", "sul", "or", "qui", "zen", "fa", "do", "rel", "wi", "ste",
            "gor", "na", "pli", "ux", "ve", "chy", "mon", "ta", "ri", "sko", "lé", "ün", "ße", "語"];
        var random = new Random(seed + 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Count < count)
        {
            var word = new StringBuilder();
            for (var i = random.Next(1, 5); i > 0; i--)
            {
                word.Append(syllables[random.Next(syllables.Length)]);
            }
            if (seen.Add(word.ToString()))
            {
                yield return word.ToString();
            }
        }
    }

    private const string Words =
        "the of and to in a is that for it as was with be by on not he i this are or his from at which but have an " +
        "they you were their one all we can her has there been if more when will would who so no she other its may " +
        "these about them than some time could into only do new like then first any my now such our over most man " +
        "after also made many did before must through back years where much your way well down should because each " +
        "just those people how too little state good very make world still own see men work long get here between " +
        "both life being under never day same another know while last might us great old year off come since against " +
        "go came right used take three tokenizer model training language text token merge vocabulary byte encoding " +
        "café naïve résumé über größe niño 東京 日本 中文 données élève";
}
