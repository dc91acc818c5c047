using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Tailor.Domains.Cards;
using Tailor.Domains.Splits;
using Tailor.Domains.Tests.Splits;

namespace Tailor.Domains.Tests.Cards;

public class DatasetCardTests
{
    private static readonly DatasetCardInfo Info = new("Test domains", "tailor data build --seed 4", 4)
    {
        Summary = "A small dataset for tests.",
        Settings = [new("rows", "600"), new("teacher", "none")],
        Sections = [new CardSection("Diversity", "- distinct first words: 42")],
    };

    private static (DatasetSplits Splits, SplitReport Report) Build()
    {
        var result = GroupSplitter.SplitWithReport(TestRows.RandomDataset(600, 4), new SplitOptions(4));
        return (result.Splits, result.Report);
    }

    [Fact]
    public void The_card_quotes_the_files_hashes_and_counts()
    {
        using var temp = new TempDirectory();
        var (splits, report) = Build();
        splits.Write(temp.Path);
        var card = File.ReadAllText(DatasetCard.Write(temp.Path, splits, Info with { Splitting = report }));

        foreach (var name in DatasetSplits.Names)
        {
            var file = DatasetSplits.FileName(name);
            var bytes = File.ReadAllBytes(temp.File(file));
            var line = Regex.Match(card, $@"^\| {Regex.Escape(file)} \| (\d+) \| (\d+) \| `([0-9a-f]{{64}})` \|$", RegexOptions.Multiline);
            Assert.True(line.Success, $"no line for {file}");
            Assert.Equal(splits.Rows(name).Count, int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(bytes.Length, long.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), line.Groups[3].Value);
        }

        // The per-split rows add up to the total, and the kind table's total column matches it.
        var perSplit = DatasetSplits.Names.Sum(name =>
            int.Parse(Regex.Match(card, $@"^\| {name} \| (\d+) \|", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(600, perSplit);
        Assert.Contains("| total | 600 | |", card, StringComparison.Ordinal);
        Assert.Contains($"| normal | {splits.Train.Count} | {splits.Validation.Count} | {splits.Test.Count} | 600 |", card, StringComparison.Ordinal);
        Assert.Contains("Leaks between splits (shared group, exact or near duplicate description): **0**.", card, StringComparison.Ordinal);
        Assert.Contains("tailor data build --seed 4", card, StringComparison.Ordinal);
        Assert.Contains("- rows: 600", card, StringComparison.Ordinal);
        Assert.Contains("## Diversity", card, StringComparison.Ordinal);
        Assert.Contains("| `group` |", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_data_gives_the_same_card()
    {
        using var temp = new TempDirectory();
        var (splits, _) = Build();
        splits.Write(Path.Combine(temp.Path, "a"));
        splits.Write(Path.Combine(temp.Path, "b"));
        var first = File.ReadAllText(DatasetCard.Write(Path.Combine(temp.Path, "a"), splits, Info));
        var second = File.ReadAllText(DatasetCard.Write(Path.Combine(temp.Path, "b"), splits, Info));
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_card_for_files_that_do_not_match_is_refused()
    {
        using var temp = new TempDirectory();
        var (splits, _) = Build();
        Assert.Throws<DomainDataException>(() => DatasetCard.Write(temp.Path, splits, Info));
        splits.Write(temp.Path);
        var fewer = splits with { Test = [.. splits.Test.Skip(1)] };
        Assert.Throws<DomainDataException>(() => DatasetCard.Write(temp.Path, fewer, Info));
    }
}
