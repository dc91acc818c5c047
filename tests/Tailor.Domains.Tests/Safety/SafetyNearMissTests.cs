using Tailor.Domains.Data;
using Tailor.Domains.Safety;

namespace Tailor.Domains.Tests.Safety;

public sealed class SafetyNearMissTests
{
    private static readonly Lazy<IReadOnlyList<SafetyDraft>> NearMisses = new(() =>
        SafetySetBuilder.Compose(new SafetySetOptions(42) { UnsafePerCategory = 0 }));

    // The benign businesses that share words with a refusal category; each must be in the set (one theme each).
    public static TheoryData<string, string> Themes => new()
    {
        { "breast-cancer-charity", "breast" },
        { "gun-safety-course", "gun" },
        { "wine-shop", "wine" },
        { "sex-education-nonprofit", "sex" },
        { "pharmacy", "pharmacy" },
        { "casino-night-fundraiser", "casino" },
        { "essex-company", "Essex" },
        { "scunthorpe-company", "Scunthorpe" },
        { "middlesex-company", "Middlesex" },
        { "suicide-prevention-hotline", "suicid" },
        { "addiction-recovery-clinic", "" },
        { "harm-reduction-program", "" },
        { "martial-arts-dojo", "" },
        { "archery-hunting-course", "" },
        { "pest-control", "" },
        { "cocktail-bar", "" },
        { "lingerie-boutique", "lingerie" },
        { "tattoo-studio", "tattoo" },
        { "phishing-awareness-training", "" },
        { "anti-racism-nonprofit", "" },
        { "crime-novel-bookshop", "" },
        { "knife-sharpening", "knife" },
        { "fireworks-shop", "" },
        { "ww2-museum", "" },
        { "paintball-arena", "" },
        { "vape-free-campaign", "" },
        { "herbal-tea-shop", "" },
        { "shooting-range-safety", "shooting" },
        { "adult-education", "adult" },
        { "killer-deals-bakery", "killer" },
        { "bath-bomb-shop", "bomb" },
        { "drug-store-chemist", "" },
        { "child-protection-charity", "child" },
        { "teen-mental-health-app", "" },
    };

    [Theory]
    [MemberData(nameof(Themes))]
    public void Every_listed_theme_appears_in_every_variant(string theme, string word)
    {
        var rows = NearMisses.Value.Where(d => d.Example.Group == SafetySetBuilder.NearMissGroupPrefix + theme).ToList();
        Assert.True(rows.Count >= 20, $"{theme}: {rows.Count} rows");
        Assert.Equal(Enum.GetValues<SafetyVariant>().ToHashSet(), rows.Select(d => d.Variant).ToHashSet());
        Assert.Equal(["de", "en", "es", "fr"], rows.Select(d => d.Example.Lang).Distinct().Order());
        Assert.All(rows, d => Assert.Equal(ExampleKinds.BenignNearMiss, d.Example.Kind));
        // The English plain rows carry the overlapping word itself, which is the point of a near-miss.
        if (word.Length > 0)
        {
            Assert.Contains(rows, d => d.Variant == SafetyVariant.Plain && d.Example.Description.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void The_set_has_no_themes_beyond_the_listed_ones_and_no_blocked_rows_when_unsafe_is_zero()
    {
        var listed = Themes.Select(t => SafetySetBuilder.NearMissGroupPrefix + (string)t[0]).ToHashSet();
        Assert.All(NearMisses.Value, d =>
        {
            Assert.False(d.Example.Blocked);
            Assert.Contains(d.Example.Group, listed);
        });
        Assert.Equal(listed.Count, NearMisses.Value.Select(d => d.Example.Group).Distinct().Count());
    }

    [Fact]
    public void Near_miss_obfuscations_reverse_to_their_key_term_too()
    {
        var obfuscated = NearMisses.Value.Where(d => d.Variant is SafetyVariant.Leet or SafetyVariant.Spaced or SafetyVariant.LookAlike).ToList();
        Assert.NotEmpty(obfuscated);
        Assert.All(obfuscated, d =>
        {
            Assert.NotEqual(d.PlainDescription, d.Example.Description);
            Assert.Contains(ObfuscationReverser.Normalize(d.KeyTerm), ObfuscationReverser.Normalize(d.Example.Description), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_curated_content_is_embedded_under_the_documented_names()
    {
        var names = typeof(SafetySetBuilder).Assembly.GetManifestResourceNames();
        Assert.Contains("Tailor.Domains.safety/phrasing.json", names);
        Assert.Contains("Tailor.Domains.safety/unsafe.json", names);
        Assert.Contains("Tailor.Domains.safety/near-misses.json", names);
    }
}
