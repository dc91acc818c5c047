using Tailor.Domains.Data;
using Tailor.Domains.Splits;
using Tailor.Domains.Stats;
using Tailor.Domains.Tests.Splits;

namespace Tailor.Domains.Tests.Stats;

public class DatasetStatisticsTests
{
    /// <summary>Train: 3 rows (one edge case, one refusal); validation: 1 French row on .fr; test: 1 real row.</summary>
    internal static DatasetSplits HandMade() => new(
        [
            TestRows.Offline("a", "g:a", "one two three"),                                  // 13 chars, 3 words
            TestRows.Offline("b", "g:b", "ALL CAPS BAKERY IN TOWN", ExampleKinds.AllCaps),  // 23 chars, 5 words
            TestRows.Blocked("c", "g:c", "a scam shop", SafetyCategories.Scams),            // 11 chars, 3 words
        ],
        [
            TestRows.Offline("d", "g:d", "une boulangerie", lang: "fr", tld: "fr"),        // 15 chars, 2 words
        ],
        [
            new DomainExample
            {
                Id = "real-000001", Group = "real:x", Description = "x", Domains = ["x.io"],
                Kind = ExampleKinds.Normal, Source = ExampleSources.Real, Lang = "en",
            },
        ]);

    [Fact]
    public void Counts_on_a_hand_made_set()
    {
        var stats = DatasetStatistics.Compute(HandMade());
        Assert.Equal(3, stats.Rows["train"]);
        Assert.Equal(1, stats.Rows["validation"]);
        Assert.Equal(1, stats.Rows["test"]);
        Assert.Equal(1, stats.Kinds.Count(ExampleKinds.Normal, "train"));
        Assert.Equal(1, stats.Kinds.Count(ExampleKinds.AllCaps, "train"));
        Assert.Equal(3, stats.Kinds.Total(ExampleKinds.Normal));
        Assert.Equal(3, stats.Kinds.SplitTotal("train"));
        Assert.Equal(1, stats.Sources.Count(ExampleSources.Real, "test"));
        Assert.Equal(4, stats.Sources.Total(ExampleSources.Offline));
        Assert.Equal(1, stats.Languages.Count("fr", "validation"));
        Assert.Equal(1, stats.Reasons.Count(SafetyCategories.Scams, "train"));
        Assert.Equal([SafetyCategories.Scams], stats.Reasons.Keys);
        Assert.Equal(1.0 / 3, stats.EdgeCaseShare("train"), 9);
        Assert.Equal(0, stats.EdgeCaseShare("test"));

        // Lengths: train chars 11, 13, 23 -> median 13 (nearest rank), p95 23.
        Assert.Equal(new LengthSummary(3, 11, 13, 23, 23), stats.DescriptionChars["train"]);
        Assert.Equal(new LengthSummary(5, 1, 13, 23, 23), stats.DescriptionChars[DatasetStatistics.AllSplits]);
        Assert.Equal(new LengthSummary(5, 1, 3, 5, 5), stats.DescriptionWords[DatasetStatistics.AllSplits]);

        // TLDs: two offline rows in train with 10 .com domains each, 10 .fr in validation, one .io in test.
        Assert.Equal(["com", "fr", "io"], stats.Tlds.Keys);
        Assert.Equal(20, stats.Tlds.Count("com", "train"));
        Assert.Equal(10, stats.Tlds.Total("fr"));
        Assert.Equal(1, stats.Tlds.Count("io", "test"));
        Assert.Equal(["10", "0", "1"], stats.DomainsPerRow.Keys);
        Assert.Equal(1, stats.DomainsPerRow.Count("0", "train"));
    }

    [Fact]
    public void Markdown_holds_the_tables()
    {
        var markdown = DatasetStatistics.Compute(HandMade()).ToMarkdown();
        Assert.Contains("| train | 3 | 33.3 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("| normal | 1 | 1 | 1 | 3 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| scams-phishing | 1 | 0 | 0 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| all | 1 | 13 | 23 | 23 | 1 | 3 | 5 | 5 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| com | 20 | 0 | 0 | 20 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Nearest_rank_percentiles()
    {
        var summary = LengthSummary.Of(Enumerable.Range(1, 100));
        Assert.Equal(new LengthSummary(100, 1, 50, 95, 100), summary);
        Assert.Equal(new LengthSummary(0, 0, 0, 0, 0), LengthSummary.Of([]));
    }
}
