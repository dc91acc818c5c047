using System.Globalization;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// The seeded briefs of a teacher job. Brief i depends only on the seed and i, so a job with a larger count, or a
/// resumed one, asks the same briefs again.
/// </summary>
public static class TeacherBriefs
{
    private static readonly string[] Industries =
    [
        "bakery", "plumbing", "accounting firm", "yoga studio", "software consultancy", "dental clinic",
        "organic farm", "wedding photography", "bicycle repair", "law office", "craft brewery", "veterinary clinic",
        "interior design", "language school", "car rental", "coffee roaster", "landscaping", "real estate agency",
        "tattoo studio", "cybersecurity", "pet grooming", "solar panel installation", "bookshop", "fitness coaching",
        "food truck", "handmade jewelry", "moving company", "event planning", "tutoring service", "hotel",
    ];

    private static readonly string[] CompanySizes =
    [
        "a solo founder", "a small family business", "a startup of about ten people", "a mid-sized company",
        "a large established company", "a non-profit organization",
    ];

    private static readonly string[] Tones =
    [
        "plain and factual", "warm and friendly", "enthusiastic, like marketing copy", "formal and corporate",
        "casual and playful", "terse, like a directory listing", "technical and precise",
    ];

    private static readonly string[] DescriptionLengths =
    [
        "one sentence of 10 to 25 words", "two or three sentences", "one paragraph of 60 to 100 words",
        "two paragraphs of 120 to 180 words in all",
    ];

    // Mostly English, as the suggester's users mostly are; enough French, Spanish and German to keep it honest.
    private static readonly (string Language, int Weight, string[] Regions)[] Languages =
    [
        ("en", 70, ["the United States", "the United Kingdom", "Canada", "Australia", "Ireland", "India", "New Zealand"]),
        ("fr", 10, ["France", "Quebec", "Belgium", "Switzerland"]),
        ("es", 10, ["Spain", "Mexico", "Argentina", "Colombia"]),
        ("de", 10, ["Germany", "Austria", "Switzerland"]),
    ];

    /// <summary>The English name of a brief's language, for the prompt.</summary>
    public static string LanguageName(string language) => language switch
    {
        "fr" => "French",
        "es" => "Spanish",
        "de" => "German",
        _ => "English",
    };

    /// <summary>Brief number <paramref name="index"/> of the job seeded with <paramref name="seed"/>.</summary>
    public static TeacherBrief For(int seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Each brief its own stream: brief i never depends on how many came before it.
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var industry = Pick(random, Industries);
        var size = Pick(random, CompanySizes);
        var tone = Pick(random, Tones);
        var length = Pick(random, DescriptionLengths);
        var (language, regions) = PickLanguage(random);
        var region = Pick(random, regions);
        var id = "teacher-" + index.ToString("D6", CultureInfo.InvariantCulture);
        return new TeacherBrief(index, id, industry, size, tone, length, language, region);
    }

    /// <summary>Briefs 0 to <paramref name="count"/> - 1.</summary>
    public static IReadOnlyList<TeacherBrief> Create(int seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Enumerable.Range(0, count).Select(i => For(seed, i)).ToList();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static (string Language, string[] Regions) PickLanguage(Random random)
    {
        var total = Languages.Sum(l => l.Weight);
        var roll = random.Next(total);
        foreach (var (language, weight, regions) in Languages)
        {
            if (roll < weight)
            {
                return (language, regions);
            }
            roll -= weight;
        }
        throw new InvalidOperationException("unreachable: the weights cover the roll");
    }
}
