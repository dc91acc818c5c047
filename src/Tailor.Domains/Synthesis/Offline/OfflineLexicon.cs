using System.Text.Json;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// The curated word lists behind the offline generator, read once from the embedded JSON resources
/// <c>Tailor.Domains.lexicons/*.json</c> (industries, places, words, foreign).
/// </summary>
internal sealed class OfflineLexicon
{
    private static readonly Lazy<OfflineLexicon> Loaded = new(Load);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public required IReadOnlyList<Industry> Industries { get; init; }

    public required IReadOnlyList<Place> Places { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    public required IReadOnlyList<string> Adjectives { get; init; }

    public required IReadOnlyList<BusinessModel> BusinessModels { get; init; }

    public required IReadOnlyList<string> Sizes { get; init; }

    public required IReadOnlyList<Tone> Tones { get; init; }

    public required IReadOnlyList<string> Values { get; init; }

    public required IReadOnlyList<ForeignLanguage> Languages { get; init; }

    /// <summary>The embedded lexicon.</summary>
    public static OfflineLexicon Default => Loaded.Value;

    /// <summary>The industry with <paramref name="key"/>.</summary>
    public Industry Industry(string key) =>
        Industries.FirstOrDefault(i => i.Key == key) ?? throw new KeyNotFoundException($"no industry '{key}' in the lexicon");

    /// <summary>The places whose language is <paramref name="lang"/>.</summary>
    public IReadOnlyList<Place> PlacesSpeaking(string lang) => Places.Where(p => p.Lang == lang).ToList();

    private static OfflineLexicon Load()
    {
        var industries = Read<IndustriesFile>("industries.json");
        var places = Read<PlacesFile>("places.json");
        var words = Read<WordsFile>("words.json");
        var foreign = Read<ForeignFile>("foreign.json");
        return new OfflineLexicon
        {
            Industries = industries.Industries,
            Places = places.Places,
            Regions = places.Regions,
            Adjectives = words.Adjectives,
            BusinessModels = words.BusinessModels,
            Sizes = words.Sizes,
            Tones = words.Tones,
            Values = words.Values,
            Languages = foreign.Languages,
        };
    }

    private static T Read<T>(string file)
    {
        var name = "Tailor.Domains.lexicons/" + file;
        using var stream = typeof(OfflineLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is missing");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"'{name}' is empty");
    }

    private sealed record IndustriesFile(IReadOnlyList<Industry> Industries);

    private sealed record PlacesFile(IReadOnlyList<Place> Places, IReadOnlyList<string> Regions);

    private sealed record WordsFile(
        IReadOnlyList<string> Adjectives,
        IReadOnlyList<BusinessModel> BusinessModels,
        IReadOnlyList<string> Sizes,
        IReadOnlyList<Tone> Tones,
        IReadOnlyList<string> Values);

    private sealed record ForeignFile(IReadOnlyList<ForeignLanguage> Languages);
}
