using System.Diagnostics;
using Tailor.Domains.Splits;
using Xunit.Abstractions;

namespace Tailor.Domains.Tests.Splits;

public class NearDuplicateIndexTests(ITestOutputHelper output)
{
    private const string Long =
        "We build scheduling software for independent physiotherapy clinics, so that patients can book, move and pay for " +
        "appointments online while therapists keep their calendars, notes and invoices in one place.";

    [Fact]
    public void Normalizing_keeps_letters_and_digits_lower_cased()
    {
        Assert.Equal("hello world 42 café", DescriptionText.Normalize("  Hello,   WORLD!! 42 -- Café."));
    }

    [Fact]
    public void Case_and_punctuation_make_an_exact_duplicate()
    {
        var index = NearDuplicateIndex.Build([Long, "Something else entirely, about boats.", Long.ToUpperInvariant().Replace(",", " ;")]);
        var pair = Assert.Single(index.Pairs);
        Assert.Equal((0, 2, true), (pair.First, pair.Second, pair.Exact));
        Assert.Equal([0, 1, 0], index.ExactClassOf);
    }

    [Fact]
    public void A_one_word_edit_is_a_near_duplicate_and_an_unrelated_text_is_not()
    {
        var edited = Long.Replace("independent", "small", StringComparison.Ordinal).Replace(",", ";", StringComparison.Ordinal);
        var unrelated = "A marketplace for second-hand mountain bikes, checked by mechanics and delivered to your door within a week of purchase.";
        var index = NearDuplicateIndex.Build([Long, unrelated, edited]);
        var pair = Assert.Single(index.Pairs);
        Assert.Equal((0, 2, false), (pair.First, pair.Second, pair.Exact));
        Assert.InRange(pair.Similarity, 0.7, 0.99);
        Assert.Equal(pair.Similarity, NearDuplicateIndex.Similarity(Long, edited));
    }

    [Fact]
    public void Short_texts_compare_by_characters()
    {
        // 14 words: one changed word would leave only 9 of 15 word 3-shingles shared (0.6).
        const string text = "AI collections staff that call, text and email clients to collect overdue invoices";
        var edited = text.Replace("clients", "customers", StringComparison.Ordinal);
        var index = NearDuplicateIndex.Build([text, edited]);
        Assert.Single(index.Pairs);
    }

    [Fact]
    public void Pairs_below_the_threshold_are_not_reported()
    {
        var a = "Fresh bread and pastries baked every morning in our small family bakery in the old town";
        var b = "Fresh flowers and plants delivered every morning from our small family nursery in the old town";
        Assert.InRange(NearDuplicateIndex.Similarity(a, b), 0.05, 0.69);
        Assert.Empty(NearDuplicateIndex.Build([a, b]).Pairs);

        var edited = Long.Replace("independent", "small", StringComparison.Ordinal);
        var similarity = NearDuplicateIndex.Similarity(Long, edited);
        Assert.Empty(NearDuplicateIndex.Build([Long, edited], threshold: similarity + 0.01).Pairs);
        Assert.Single(NearDuplicateIndex.Build([Long, edited], threshold: similarity).Pairs);
    }

    [Fact]
    public void Fifty_thousand_texts_with_planted_duplicates_in_seconds()
    {
        var random = new Random(5);
        var texts = Enumerable.Range(0, 50_000).Select(_ => TestRows.RandomText(random, 8, 40)).ToList();
        var planted = new List<(int, int)>();
        for (var k = 0; k < 100; k++)
        {
            var source = k * 400;
            var target = source + 200;
            var words = texts[source].Split(' ');
            words[words.Length / 2] = "changed";
            texts[target] = string.Join(' ', words) + ".";
            planted.Add((source, target));
        }
        var watch = Stopwatch.StartNew();
        var index = NearDuplicateIndex.Build(texts);
        watch.Stop();
        output.WriteLine($"50,000 texts: {watch.Elapsed.TotalSeconds:0.00} s, {index.NearPairCount} near pairs, {index.ExactPairCount} exact");
        var found = index.Pairs.Select(p => (p.First, p.Second)).ToHashSet();
        var expected = planted.Where(p => NearDuplicateIndex.Similarity(texts[p.Item1], texts[p.Item2]) >= NearDuplicateIndex.DefaultThreshold).ToList();
        Assert.True(expected.Count >= 80, $"only {expected.Count} planted pairs reach the threshold");
        Assert.All(expected, p => Assert.Contains(p, found));
        Assert.True(index.Pairs.Count <= planted.Count, $"{index.Pairs.Count} pairs, expected only planted ones");
        Assert.True(watch.Elapsed.TotalSeconds < 60, $"took {watch.Elapsed.TotalSeconds:0.0} s");
    }
}
