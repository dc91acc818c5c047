using System.Text.Json;

namespace Tailor.Cli.Tests;

/// <summary>
/// Labelled review files for the sentiment command tests (no test reads IMDB): labels alternate, and the only signal is
/// one sentiment word, so any working route can learn them.
/// </summary>
internal static class SyntheticReviews
{
    private static readonly string[] Good = ["great", "wonderful", "excellent", "superb"];
    private static readonly string[] Bad = ["awful", "terrible", "dreadful", "boring"];

    /// <summary>Writes <paramref name="count"/> JSONL rows <c>{"text","label"}</c> to <paramref name="path"/>, seeded.</summary>
    public static string Write(string path, int count, int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, count).Select(i =>
        {
            var label = i % 2;
            var word = (label == 1 ? Good : Bad)[random.Next(Good.Length)];
            return JsonSerializer.Serialize(new { text = $"The film was {word}.<br /><br />I saw it on day {random.Next(100)}.", label });
        });
        File.WriteAllLines(path, lines);
        return path;
    }
}
