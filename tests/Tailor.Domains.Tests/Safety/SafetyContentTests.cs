using System.Text.RegularExpressions;
using Tailor.Domains.Data;
using Tailor.Domains.Safety;

namespace Tailor.Domains.Tests.Safety;

public sealed partial class SafetyContentTests
{
    private static SafetyContent Content => SafetyContent.Shared;

    [Fact]
    public void Every_category_has_at_least_eight_families_in_all_four_languages()
    {
        Assert.Equal(SafetyCategories.All.Order(StringComparer.Ordinal), Content.Categories.Select(c => c.Category).Order(StringComparer.Ordinal));
        foreach (var category in Content.Categories)
        {
            Assert.True(category.Families.Count >= 8, category.Category);
            Assert.Equal(category.Families.Count, category.Families.Select(f => f.Id).Distinct().Count());
            Assert.All(category.Families, f => Assert.All(SafetyContent.Languages, l => Assert.NotEmpty(f.Templates[l])));
        }
    }

    [Fact]
    public void Every_english_key_term_can_be_disguised_every_way()
    {
        // Obfuscated variants are English only, so every marked English term must have a l33t letter and a look-alike.
        var terms = EnglishMarkedText().SelectMany(text => MarkPattern().Matches(text).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(terms.Count > 60, $"{terms.Count} terms");
        var random = new Random(0);
        Assert.All(terms, term =>
        {
            Assert.NotEqual(term, SafetyObfuscator.Leet(term, random));
            Assert.NotEqual(term, SafetyObfuscator.Spaced(term, random));
            Assert.Contains(SafetyObfuscator.LookAlike(term, random), c => c > '\u007F');
        });
    }

    [Fact]
    public void Every_english_template_marks_a_key_term()
    {
        var unmarked = Content.Categories.SelectMany(c => c.Families.SelectMany(f => f.Templates["en"]
                .SelectMany(t => ExpandSlots(t, c.Slots["en"]))))
            .Concat(Content.Themes.SelectMany(t => t.Templates["en"]))
            .Where(text => !text.Contains('[', StringComparison.Ordinal))
            .ToList();
        Assert.Empty(unmarked);
    }

    private static IEnumerable<string> ExpandSlots(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> slots)
    {
        var own = slots.Keys.FirstOrDefault(name => template.Contains("{" + name + "}", StringComparison.Ordinal));
        return own is null ? [template] : slots[own].Select(value => template.Replace("{" + own + "}", value, StringComparison.Ordinal));
    }

    private static IEnumerable<string> EnglishMarkedText() =>
        Content.Categories.SelectMany(c => c.Slots["en"].Values.SelectMany(v => v).Concat(c.Families.SelectMany(f => f.Templates["en"])))
            .Concat(Content.Themes.SelectMany(t => t.Templates["en"]));

    [GeneratedRegex(@"\[([^\]]+)\]")]
    private static partial Regex MarkPattern();
}
