using System.Globalization;
using Bogus;
using Tailor.Domains.Synthesis.Naming;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// Invents fictional companies: an industry, a place, offerings, a founder (Bogus, seeded) and a company name that
/// is unique within the run. Names come in the shapes real small businesses use: "Hagenes Bakery", "Maria's
/// Crumb", "Golden Loaf", "Crumb &amp; Co.", "Leeds Roast Co.", a coinage, or a Bogus company name.
/// </summary>
internal sealed class CompanyFactory
{
    private static readonly string[] EnglishSuffixes = ["& Co.", "Labs", "Collective", "Works", "Studio", "House", "Supply", "Club", "Project"];

    private readonly OfflineLexicon _lexicon;
    private readonly Dictionary<string, Faker> _fakers;
    private readonly HashSet<string> _usedKeys = new(StringComparer.Ordinal);

    public CompanyFactory(OfflineLexicon lexicon, int seed)
    {
        _lexicon = lexicon;
        // One seeded Faker per language, never Bogus's global seed, so runs repeat byte for byte.
        _fakers = new Dictionary<string, Faker>(StringComparer.Ordinal)
        {
            ["en"] = new Faker("en") { Random = new Randomizer(seed) },
            ["fr"] = new Faker("fr") { Random = new Randomizer(seed + 1) },
            ["es"] = new Faker("es") { Random = new Randomizer(seed + 2) },
            ["de"] = new Faker("de") { Random = new Randomizer(seed + 3) },
        };
    }

    /// <summary>The seeded Faker for <paramref name="lang"/> (addresses, phone numbers).</summary>
    public Faker Faker(string lang) => _fakers[lang];

    /// <summary>A new company described in <paramref name="lang"/>; <paramref name="coinedName"/> forces a one-word brand name.</summary>
    public CompanyProfile Create(Random random, string lang, bool coinedName = false)
    {
        var language = lang == "en" ? null : _lexicon.Languages.First(l => l.Lang == lang);
        var foreign = language is null ? null : random.Pick(language.Industries);
        var industry = foreign is null ? random.Pick(_lexicon.Industries) : _lexicon.Industry(foreign.Key);
        var place = lang == "en"
            ? random.Pick(random.Chance(0.85) ? _lexicon.PlacesSpeaking("en") : _lexicon.Places)
            : random.Pick(_lexicon.PlacesSpeaking(lang));
        var faker = _fakers[lang];
        var founder = $"{faker.Name.FirstName()} {faker.Name.LastName()}";
        var profile = new CompanyProfile
        {
            Name = "",
            Key = "",
            Industry = industry,
            Noun = random.Pick(industry.Nouns),
            Offerings = random.PickDistinct(industry.Offerings, 3),
            Audience = random.Pick(industry.Audiences),
            Benefit = random.Pick(industry.Benefits),
            Place = place,
            Model = random.Pick(_lexicon.BusinessModels),
            Size = random.Pick(_lexicon.Sizes),
            Tone = random.Pick(_lexicon.Tones),
            Value = random.Pick(_lexicon.Values),
            Adjective = random.Pick(_lexicon.Adjectives),
            Founder = founder,
            Founded = random.Next(1952, 2026),
            Lang = lang,
            Language = language,
            Foreign = foreign,
        };
        var (name, key) = UniqueName(profile, random, coinedName);
        return profile with { Name = name, Key = key };
    }

    private (string Name, string Key) UniqueName(CompanyProfile profile, Random random, bool coined)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var name = coined || attempt >= 20 ? CoinedNames.MakeBrand(random) : MakeName(profile, random);
            if (coined && attempt >= 20)
            {
                name += CoinedNames.Make(random, syllables: 1);
            }
            var key = KeyOf(name);
            if (key.Length > 0 && _usedKeys.Add(key))
            {
                return (name, key);
            }
        }
        // Astronomically rare: a counter keeps keys unique whatever the draws were.
        var fallback = CoinedNames.MakeBrand(random) + " " + _usedKeys.Count.ToString(CultureInfo.InvariantCulture);
        _usedKeys.Add(KeyOf(fallback));
        return (fallback, KeyOf(fallback));
    }

    private string MakeName(CompanyProfile profile, Random random)
    {
        var faker = _fakers[profile.Lang];
        var keyword = Title(random.Pick(profile.Foreign?.Keywords ?? profile.Industry.Keywords));
        var last = faker.Name.LastName();
        if (profile.Lang != "en")
        {
            return random.Next(5) switch
            {
                0 => (profile.Lang switch { "fr" => "Maison ", "es" => "Casa ", _ => "Haus " }) + last,
                1 => (profile.Lang switch { "fr" => "Atelier ", "es" => "Taller ", _ => "Werkstatt " }) + last,
                2 => $"{keyword} & {last}",
                3 => $"{last} {keyword}",
                _ => CoinedNames.MakeBrand(random),
            };
        }
        return random.Next(9) switch
        {
            0 => $"{last} {Title(profile.Noun.Split(' ')[^1])}",
            1 => $"{faker.Name.FirstName()}'s {keyword}",
            2 => $"{Title(profile.Adjective)} {keyword}",
            3 => CoinedNames.MakeBrand(random),
            4 => $"{keyword} {random.Pick(EnglishSuffixes)}",
            5 => $"{profile.Place.Name} {keyword} Co.",
            6 => faker.Company.CompanyName(),
            7 => $"{CoinedNames.MakeBrand(random)} {keyword}",
            _ => $"{Title(profile.Adjective)} {Title(random.Pick(profile.Industry.Keywords))} {random.Pick(EnglishSuffixes)}",
        };
    }

    /// <summary>The group key of a company name: folded words joined by hyphens ("Maria's Bread" -> "maria-s-bread").</summary>
    public static string KeyOf(string name) =>
        string.Join('-', name.Split([' ', '-', '\'', '’', '&', ',', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(NameWords.Fold)
            .Where(w => w.Length > 0));

    private static string Title(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
