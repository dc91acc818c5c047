using System.IO.Compression;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Ngrams;

namespace Tailor.Sentiment.Tests.Ngrams;

/// <summary>
/// <see cref="NbLogisticRegression"/> on synthetic reviews whose verdict lies in a few sentiment words or in the
/// phrase "not good" / "not bad" (where the single words mislead), with filler words that carry nothing.
/// </summary>
public sealed class NbLogisticRegressionTests
{
    static readonly string[] Good = ["great", "wonderful", "superb"];
    static readonly string[] Bad = ["awful", "dreadful", "boring"];
    static readonly string[] Filler = ["the", "film", "plot", "actor", "scene", "music", "story", "camera", "night", "city"];

    static readonly NbLogisticRegressionOptions Options = new(MinDocuments: 2, Epochs: 10, LearningRate: 0.1, Seed: 3);

    /// <summary>Half the reviews say it with a sentiment word, half with "not bad" (positive) or "not good" (negative).</summary>
    static List<SentimentExample> Reviews(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            int label = random.Next(2);
            var filler = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Filler[random.Next(Filler.Length)]));
            var verdict = random.Next(2) == 0
                ? (label == 1 ? Good : Bad)[random.Next(Good.Length)]
                : label == 1 ? "not bad" : "not good";
            return new SentimentExample($"{filler} was {verdict}. {filler}", label);
        })];
    }

    static double Accuracy(NbLogisticRegression model, IReadOnlyList<SentimentExample> rows)
    {
        var predictions = model.Classify([.. rows.Select(r => r.Text)]);
        return rows.Zip(predictions).Count(p => p.Second.Label == p.First.Label) / (double)rows.Count;
    }

    [Fact]
    public void It_classifies_held_out_reviews_including_two_word_phrases()
    {
        var model = NbLogisticRegression.Train(Reviews(400, seed: 1), Options);
        var test = Reviews(200, seed: 2);

        Assert.True(Accuracy(model, test) >= 0.95, $"accuracy {Accuracy(model, test):P1}");
        var phrases = test.Where(r => r.Text.Contains("not ", StringComparison.Ordinal)).ToList();
        Assert.True(phrases.Count > 50);
        Assert.True(Accuracy(model, phrases) >= 0.95, $"accuracy on 'not good'/'not bad' reviews {Accuracy(model, phrases):P1}");
    }

    [Fact]
    public void A_word_seen_only_in_positive_reviews_gets_a_positive_weight()
    {
        var model = NbLogisticRegression.Train(Reviews(400, seed: 1), Options);

        var margins = model.Margins(["great", "awful", "film"]);
        float bias = model.Margins([""])[0];

        Assert.True(margins[0] - bias > 0, $"'great' moves the margin by {margins[0] - bias}");
        Assert.True(margins[1] - bias < 0, $"'awful' moves the margin by {margins[1] - bias}");
        Assert.True(Math.Abs(margins[2] - bias) < Math.Abs(margins[0] - bias), "a filler word weighs less than a sentiment word");
    }

    [Fact]
    public void The_same_data_and_seed_give_identical_margins()
    {
        var train = Reviews(300, seed: 1);
        var test = Reviews(50, seed: 2).Select(r => r.Text).ToList();

        var first = NbLogisticRegression.Train(train, Options).Margins(test);
        var second = NbLogisticRegression.Train(train, Options).Margins(test);
        var otherSeed = NbLogisticRegression.Train(train, Options with { Seed = 4 }).Margins(test);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Save_then_load_gives_identical_margins()
    {
        using var folder = new TempDirectory();
        var model = NbLogisticRegression.Train(Reviews(300, seed: 1), Options);
        // Unseen and known words, markup and marks: the loaded model must read them the same way.
        var test = Reviews(50, seed: 2).Select(r => r.Text).Append("an unseen word, then great!<br />").ToList();
        var path = folder.File("ngram.bin");

        model.Save(path);
        var loaded = NbLogisticRegression.Load(path);

        Assert.Equal(model.FeatureCount, loaded.FeatureCount);
        Assert.Equal(model.Margins(test), loaded.Margins(test));
    }

    [Fact]
    public void A_truncated_file_is_named()
    {
        using var folder = new TempDirectory();
        var path = folder.File("ngram.bin");
        NbLogisticRegression.Train(Reviews(200, seed: 1), Options).Save(path);
        // A well-formed gzip stream of a model cut short.
        byte[] content;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var plain = new MemoryStream())
        {
            gzip.CopyTo(plain);
            content = plain.ToArray();
        }
        using (var cut = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            cut.Write(content, 0, content.Length / 2);

        var error = Assert.Throws<InvalidDataException>(() => NbLogisticRegression.Load(path));

        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_mid_stream_is_named()
    {
        using var folder = new TempDirectory();
        var path = folder.File("ngram.bin");
        NbLogisticRegression.Train(Reviews(200, seed: 1), Options).Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => NbLogisticRegression.Load(path));

        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_named()
    {
        using var folder = new TempDirectory();
        folder.Write("notes.bin", "this is plain text, not gzip");
        var path = folder.File("notes.bin");

        var error = Assert.Throws<InvalidDataException>(() => NbLogisticRegression.Load(path));

        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_file_of_another_format_is_named()
    {
        using var folder = new TempDirectory();
        var path = folder.File("other.bin");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new BinaryWriter(gzip))
            writer.Write("some-other-format");

        var error = Assert.Throws<InvalidDataException>(() => NbLogisticRegression.Load(path));

        Assert.Equal($"{path}: not a tailor-nb-logreg-v2 file", error.Message);
    }

    [Fact]
    public void Character_n_grams_classify_held_out_reviews_and_read_a_misspelling_they_never_saw()
    {
        var options = Options with { Unit = NgramUnit.Character, MinOrder = 2, MaxOrder = 5 };
        var train = Reviews(400, seed: 1);
        var characters = NbLogisticRegression.Train(train, options);
        var words = NbLogisticRegression.Train(train, Options);

        Assert.Equal("nb-logreg-char-2-5grams", characters.Name);
        Assert.True(Accuracy(characters, Reviews(200, seed: 2)) >= 0.9, $"accuracy {Accuracy(characters, Reviews(200, seed: 2)):P1}");
        // "wonderfull" and "dreadfull" never occur in training: to the word model they are unknown words, while
        // their character n-grams are mostly those of "wonderful" and "dreadful".
        var typos = new[] { "the film was wonderfull", "the film was dreadfull" };
        float baseline = characters.Margins(["the film was"])[0];
        var margins = characters.Margins(typos);
        Assert.True(margins[0] > baseline && margins[1] < baseline, $"margins {margins[0]}, {margins[1]} around {baseline}");
        var wordMargins = words.Margins(typos);
        Assert.Equal(wordMargins[0], wordMargins[1]);
    }

    [Fact]
    public void A_character_model_saves_and_loads_with_its_orders()
    {
        using var folder = new TempDirectory();
        var model = NbLogisticRegression.Train(Reviews(300, seed: 1), Options with { Unit = NgramUnit.Character, MinOrder = 3, MaxOrder = 4 });
        var test = Reviews(50, seed: 2).Select(r => r.Text).Append("an unseen word, then great!<br />").ToList();
        var path = folder.File("chars.bin");

        model.Save(path);
        var loaded = NbLogisticRegression.Load(path);

        Assert.Equal(NgramUnit.Character, loaded.Unit);
        Assert.Equal("nb-logreg-char-3-4grams", loaded.Name);
        Assert.Equal(model.Margins(test), loaded.Margins(test));
    }

    [Fact]
    public void A_file_of_the_first_format_loads_as_word_1_3_grams()
    {
        // tailor-nb-logreg-v1 (the first shipped model): tag, bias, words by id, then (key, weight) pairs.
        using var folder = new TempDirectory();
        var path = folder.File("v1.bin");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new BinaryWriter(gzip))
        {
            writer.Write("tailor-nb-logreg-v1");
            writer.Write(0.5f);
            writer.Write(2);
            writer.Write(1);
            writer.Write("not");
            writer.Write(2);
            writer.Write("bad");
            writer.Write(3);
            writer.Write(1L); // "not"
            writer.Write(-1f);
            writer.Write(2L); // "bad"
            writer.Write(-2f);
            writer.Write(1L | (2L << 21)); // "not bad"
            writer.Write(4f);
        }

        var model = NbLogisticRegression.Load(path);

        Assert.Equal("nb-logreg-1-3grams", model.Name);
        Assert.Equal([0.5f, -1.5f, 1.5f], model.Margins(["a plot", "bad", "Not bad."]));
    }

    [Fact]
    public void Impossible_orders_are_rejected_before_training()
    {
        var train = Reviews(50, seed: 1);

        Assert.Throws<ArgumentException>(() => NbLogisticRegression.Train(train, Options with { MaxOrder = 4 }));
        Assert.Throws<ArgumentException>(() => NbLogisticRegression.Train(train, Options with { Unit = NgramUnit.Character, MinOrder = 5, MaxOrder = 2 }));
    }

    [Fact]
    public void One_class_training_data_is_rejected()
    {
        var positives = Reviews(100, seed: 1).Where(r => r.Label == SentimentExample.Positive).ToList();

        var error = Assert.Throws<ArgumentException>(() => NbLogisticRegression.Train(positives, Options));

        Assert.Contains("both positive and negative", error.Message, StringComparison.Ordinal);
    }
}
