using Tailor.Domains.Data;
using Tailor.Domains.Names;
using Tailor.Domains.Safety;

namespace Tailor.Domains.Tests.Safety;

public sealed class SafetySetBuilderTests
{
    private static readonly Lazy<IReadOnlyList<SafetyDraft>> Default = new(() => SafetySetBuilder.Compose(new SafetySetOptions(42)));

    private static IReadOnlyList<SafetyDraft> Drafts => Default.Value;

    private static readonly SafetyVariant[] ObfuscatedVariants = [SafetyVariant.Leet, SafetyVariant.Spaced, SafetyVariant.LookAlike];

    [Fact]
    public void Counts_match_the_options()
    {
        var rows = SafetySetBuilder.Generate(new SafetySetOptions(1) { UnsafePerCategory = 20, NearMisses = 37 });
        Assert.Equal(8 * 20 + 37, rows.Count);
        foreach (var category in SafetyCategories.All)
        {
            Assert.Equal(20, rows.Count(r => r.Reason == category));
        }
        Assert.Equal(37, rows.Count(r => r.Kind == ExampleKinds.BenignNearMiss));
        Assert.Equal(8 * 150 + 800, Drafts.Count);
    }

    [Fact]
    public void Every_row_passes_the_dataset_rules_and_ids_count_up()
    {
        for (var i = 0; i < Drafts.Count; i++)
        {
            var row = Drafts[i].Example;
            Assert.Null(DomainExampleRules.Problem(row));
            Assert.Equal($"safety-{i:D6}", row.Id);
            Assert.Equal(ExampleSources.Offline, row.Source);
        }
    }

    [Fact]
    public void Every_category_has_every_variant_and_at_least_eight_families()
    {
        foreach (var category in SafetyCategories.All)
        {
            var rows = Drafts.Where(d => d.Example.Reason == category).ToList();
            Assert.Equal(150, rows.Count);
            Assert.All(rows, d =>
            {
                Assert.True(d.Example.Blocked);
                Assert.Equal(ExampleKinds.Unsafe, d.Example.Kind);
                Assert.Empty(d.Example.DomainList);
                Assert.Equal($"safety:{category}:{d.Family}", d.Example.Group);
            });
            Assert.Equal(Enum.GetValues<SafetyVariant>().ToHashSet(), rows.Select(d => d.Variant).ToHashSet());
            var families = rows.Select(d => d.Family).Distinct().ToList();
            Assert.True(families.Count >= 8, $"{category} has {families.Count} families");
            // A held-out family must be a real phrasing: every family is seen in every variant.
            foreach (var family in families)
            {
                Assert.Equal(6, rows.Where(d => d.Family == family).Select(d => d.Variant).Distinct().Count());
            }
            Assert.Equal(["de", "es", "fr"], rows.Where(d => d.Variant == SafetyVariant.Translated).Select(d => d.Example.Lang).Distinct().Order());
        }
    }

    [Fact]
    public void Only_translated_rows_are_not_english_and_they_are_fr_es_or_de()
    {
        foreach (var draft in Drafts)
        {
            if (draft.Variant == SafetyVariant.Translated)
            {
                Assert.Contains(draft.Example.Lang, new[] { "fr", "es", "de" });
                Assert.Equal(draft.PlainDescription, draft.Example.Description);
            }
            else
            {
                Assert.Equal("en", draft.Example.Lang);
            }
        }
        // Translated text really is another language: not one English request sentence opening.
        var translated = Drafts.Where(d => d.Variant == SafetyVariant.Translated).Select(d => d.Example.Description).ToList();
        Assert.DoesNotContain(translated, t => t.StartsWith("Suggest a domain", StringComparison.Ordinal) || t.StartsWith("I need a domain", StringComparison.Ordinal));
        Assert.Contains(translated, t => t.Contains("nom de domaine", StringComparison.Ordinal));
        Assert.Contains(translated, t => t.Contains("dominio", StringComparison.Ordinal));
        Assert.Contains(translated, t => t.Contains("Domain", StringComparison.Ordinal) && t.Contains("für", StringComparison.Ordinal));
    }

    [Fact]
    public void Obfuscated_rows_differ_from_the_plain_text_yet_reverse_to_the_key_term()
    {
        var obfuscated = Drafts.Where(d => ObfuscatedVariants.Contains(d.Variant)).ToList();
        Assert.True(obfuscated.Count > 500);
        foreach (var draft in obfuscated)
        {
            Assert.NotEqual(draft.PlainDescription, draft.Example.Description);
            Assert.DoesNotContain(draft.KeyTerm, draft.Example.Description, StringComparison.Ordinal);
            Assert.Contains(ObfuscationReverser.Normalize(draft.KeyTerm), ObfuscationReverser.Normalize(draft.Example.Description), StringComparison.Ordinal);
            Assert.Equal(ObfuscationReverser.Normalize(draft.PlainDescription), ObfuscationReverser.Normalize(draft.Example.Description));
        }
    }

    [Fact]
    public void Plain_and_embedded_rows_show_the_key_term_and_embedded_rows_are_longer()
    {
        foreach (var draft in Drafts.Where(d => d.Variant is SafetyVariant.Plain or SafetyVariant.Embedded))
        {
            Assert.Equal(draft.PlainDescription, draft.Example.Description);
            Assert.Contains(draft.KeyTerm, draft.Example.Description, StringComparison.Ordinal);
            Assert.DoesNotContain('[', draft.Example.Description);
            Assert.DoesNotContain('{', draft.Example.Description);
        }
        double MeanLength(SafetyVariant variant) => Drafts.Where(d => d.Variant == variant).Average(d => d.Example.Description.Length);
        Assert.True(MeanLength(SafetyVariant.Embedded) > 2 * MeanLength(SafetyVariant.Plain));
    }

    [Fact]
    public void No_template_marks_or_slots_leak_into_any_row()
    {
        Assert.All(Drafts, d => Assert.DoesNotMatch(@"[\[\]{}]", d.Example.Description));
    }

    [Fact]
    public void Descriptions_are_unique()
    {
        var descriptions = Drafts.Select(d => d.Example.Description).ToList();
        Assert.Equal(descriptions.Count, descriptions.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Same_seed_gives_identical_lines_and_another_seed_different_ones()
    {
        var options = new SafetySetOptions(9) { UnsafePerCategory = 40, NearMisses = 120 };
        var first = SafetySetBuilder.Generate(options).Select(DomainDatasetFile.Format).ToList();
        var again = SafetySetBuilder.Generate(options).Select(DomainDatasetFile.Format).ToList();
        var other = SafetySetBuilder.Generate(options with { Seed = 10 }).Select(DomainDatasetFile.Format).ToList();
        Assert.Equal(first, again);
        Assert.Equal(first.Count, other.Count);
        Assert.True(first.Zip(other).Count(p => p.First != p.Second) > first.Count / 2);
    }

    [Fact]
    public void Rows_survive_a_write_and_read()
    {
        using var directory = new TempDirectory();
        var rows = SafetySetBuilder.Generate(new SafetySetOptions(5) { UnsafePerCategory = 30, NearMisses = 60 });
        DomainDatasetFile.Write(directory.File("safety.jsonl"), rows);
        Assert.Equal(rows, DomainDatasetFile.Read(directory.File("safety.jsonl")).ToList(), new RowComparer());
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SafetySetBuilder.Generate(new SafetySetOptions(1) { UnsafePerCategory = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SafetySetBuilder.Generate(new SafetySetOptions(1) { NearMisses = -1 }));
    }

    [Fact]
    public void Zero_counts_give_an_empty_set()
    {
        Assert.Empty(SafetySetBuilder.Generate(new SafetySetOptions(1) { UnsafePerCategory = 0, NearMisses = 0 }));
    }

    [Fact]
    public void Asking_for_more_than_the_content_can_phrase_fails_clearly()
    {
        var e = Assert.Throws<DomainDataException>(() => SafetySetBuilder.Generate(new SafetySetOptions(1) { UnsafePerCategory = 200_000, NearMisses = 0 }));
        Assert.Contains("ran out of distinct", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_miss_domains_are_ten_distinct_valid_names()
    {
        var nearMisses = Drafts.Where(d => d.Example.Kind == ExampleKinds.BenignNearMiss).Select(d => d.Example).ToList();
        Assert.Equal(800, nearMisses.Count);
        Assert.All(nearMisses, row =>
        {
            Assert.False(row.Blocked);
            Assert.Null(row.Reason);
            Assert.Equal(10, row.DomainList.Count);
            Assert.Equal(10, row.DomainList.Distinct(StringComparer.Ordinal).Count());
            Assert.All(row.DomainList, domain => Assert.True(DomainSyntax.IsValid(domain), domain));
            Assert.StartsWith("safety:near-miss:", row.Group, StringComparison.Ordinal);
        });
    }

    private sealed class RowComparer : IEqualityComparer<DomainExample>
    {
        public bool Equals(DomainExample? x, DomainExample? y) =>
            x is not null && y is not null && DomainDatasetFile.Format(x) == DomainDatasetFile.Format(y);

        public int GetHashCode(DomainExample obj) => DomainDatasetFile.Format(obj).GetHashCode(StringComparison.Ordinal);
    }
}
