using System.Globalization;
using System.Text;
using Tailor.Domains.Data;
using Tailor.Domains.Synthesis;
using Tailor.Domains.Synthesis.Naming;
using Tailor.Domains.Synthesis.Offline;
using static Tailor.Domains.Tests.Offline.OfflineSample;

namespace Tailor.Domains.Tests.Offline;

public sealed class EdgeCaseTests
{
    private static List<SyntheticRow> Kind(string kind)
    {
        var rows = Rows.Where(r => r.Example.Kind == kind).ToList();
        Assert.True(rows.Count >= 10, $"only {rows.Count} rows of {kind}");
        return rows;
    }

    [Fact]
    public void Every_tag_appears_and_edge_cases_are_about_a_fifth()
    {
        var edges = Rows.Where(r => ExampleKinds.IsEdgeCase(r.Example.Kind)).ToList();

        Assert.InRange((double)edges.Count / Count, 0.15, 0.25);
        Assert.Equal(ExampleKinds.EdgeCases.Order(), edges.Select(r => r.Example.Kind).Distinct().Order());
        var perTag = edges.GroupBy(r => r.Example.Kind).Select(g => g.Count()).ToList();
        Assert.True(perTag.Max() - perTag.Min() <= 1, "tags are spread round-robin");
    }

    [Fact]
    public void Non_english_rows_are_french_spanish_or_german()
    {
        Assert.All(Kind(ExampleKinds.NonEnglish), r => Assert.Contains(r.Example.Lang, new[] { "fr", "es", "de" }));
        Assert.All(Rows.Where(r => r.Example.Lang != "en"), r => Assert.Contains(r.Example.Kind, new[] { ExampleKinds.Normal, ExampleKinds.NonEnglish }));
    }

    [Fact]
    public void Very_long_rows_have_2000_characters_or_more()
    {
        Assert.All(Kind(ExampleKinds.VeryLong), r => Assert.True(r.Example.Description.Length >= 2000, r.Example.Id));
    }

    [Fact]
    public void One_word_rows_are_one_word()
    {
        Assert.All(Kind(ExampleKinds.OneWord), r =>
        {
            Assert.DoesNotContain(r.Example.Description, char.IsWhiteSpace);
            Assert.True(r.Example.Description.All(char.IsLetter), r.Example.Description);
        });
    }

    [Fact]
    public void All_caps_rows_have_no_lower_case_letters()
    {
        Assert.All(Kind(ExampleKinds.AllCaps), r => Assert.Equal(r.Example.Description.ToUpperInvariant(), r.Example.Description));
    }

    [Fact]
    public void Emoji_rows_contain_emoji()
    {
        Assert.All(Kind(ExampleKinds.Emoji), r =>
        {
            var emoji = r.Example.Description.EnumerateRunes().Count(c => Rune.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol);
            Assert.True(emoji >= 2, r.Example.Description);
        });
    }

    [Fact]
    public void Typo_rows_differ_from_their_clean_text()
    {
        Assert.All(Kind(ExampleKinds.Typos), r => Assert.NotEqual(r.Draft.CleanText, r.Example.Description));
    }

    [Fact]
    public void Service_lists_list_four_or_more_services()
    {
        Assert.All(Kind(ExampleKinds.ServiceList), r =>
        {
            Assert.True(r.Draft.ExtraPhrases.Count >= 4);
            Assert.All(r.Draft.ExtraPhrases, s => Assert.Contains(s, r.Example.Description, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Name_given_rows_have_a_domain_with_the_name()
    {
        Assert.All(Kind(ExampleKinds.NameGiven), r =>
        {
            Assert.Contains(r.Company.Name, r.Example.Description, StringComparison.Ordinal);
            var name = NameWords.Fold(r.Company.Name);
            Assert.Contains(r.Example.DomainList, d => d.Contains(name, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Style_requests_are_obeyed()
    {
        var rows = Kind(ExampleKinds.StyleRequest);

        Assert.All(rows, r =>
        {
            Assert.True(r.Draft.Style is not null || r.Draft.RequiredTld is not null);
            if (r.Draft.RequiredTld is { } tld)
            {
                Assert.Contains("." + tld, r.Example.Description, StringComparison.Ordinal);
                Assert.All(r.Example.DomainList, d => Assert.Equal(tld, Tld(d)));
            }
            if (r.Draft.Style == NamingStyle.Shortest)
            {
                Assert.All(r.Example.DomainList, d => Assert.True(Label(d).Length <= 8, d));
            }
        });
        Assert.Contains(rows, r => r.Draft.RequiredTld is not null);
        Assert.Contains(rows, r => r.Draft.Style == NamingStyle.Shortest);
    }

    [Fact]
    public void Address_rows_carry_numbers()
    {
        Assert.All(Kind(ExampleKinds.AddressNumbers), r =>
        {
            Assert.True(r.Example.Description.Count(char.IsAsciiDigit) >= 14, r.Example.Description);
            Assert.Contains(r.Company.Founded.ToString(CultureInfo.InvariantCulture), r.Example.Description, StringComparison.Ordinal);
            // Street numbers, phone numbers, years and prices are not name material ("d2c" from the text is).
            Assert.All(r.Example.DomainList, d => Assert.DoesNotMatch(@"\d{3}", d));
        });
    }

    [Fact]
    public void Prompt_injections_do_not_steer_the_names()
    {
        Assert.All(Kind(ExampleKinds.PromptInjection), r =>
        {
            Assert.NotEqual(r.Draft.CleanText, r.Example.Description);
            // Words only the injection says (casino, bitcoin, hacked, prompt, ...) never reach the names.
            var business = NameWords.Split([r.Draft.CleanText]).ToHashSet();
            var injected = NameWords.Split([r.Example.Description]).Where(w => w.Length >= 4 && !business.Contains(w)).ToList();
            Assert.NotEmpty(injected);
            Assert.All(r.Example.DomainList, d => Assert.DoesNotContain(injected, w => Label(d).Contains(w, StringComparison.Ordinal)));
        });
    }
}
