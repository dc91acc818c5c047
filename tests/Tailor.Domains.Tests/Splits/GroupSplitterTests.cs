using Tailor.Domains.Data;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Tests.Splits;

public class GroupSplitterTests
{
    private const string Company =
        "Abivo gives small accounting firms an AI collections assistant that calls, texts and emails clients, follows up " +
        "on every overdue invoice and reports which customers are likely to pay late next month.";

    private static readonly string Edited = Company
        .Replace("small", "independent", StringComparison.Ordinal)
        .Replace(",", ";", StringComparison.Ordinal) + "!";

    private static List<DomainExample> WithPlantedPair(int seed)
    {
        var rows = TestRows.RandomDataset(300, seed);
        rows.Add(TestRows.Offline("planted-a", "company:one", Company));
        rows.Add(TestRows.Offline("planted-b", "company:two", Edited));
        return rows;
    }

    private static string SplitOf(DatasetSplits splits, string id) =>
        DatasetSplits.Names.Single(name => splits.Rows(name).Any(r => r.Id == id));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_lightly_edited_copy_under_another_group_lands_in_the_same_split(int seed)
    {
        var result = GroupSplitter.SplitWithReport(WithPlantedPair(seed), new SplitOptions(seed) { Validation = 0.3, Test = 0.3 });
        Assert.Equal(SplitOf(result.Splits, "planted-a"), SplitOf(result.Splits, "planted-b"));
        Assert.Equal(1, result.Report.NearDuplicatePairs);
        Assert.Equal(2, result.Report.GroupsMergedByDuplicates);
        Assert.Equal(result.Report.Groups - 1, result.Report.Components);
        Assert.Empty(LeakCheck.Find(result.Splits));
    }

    [Fact]
    public void Leak_check_finds_the_planted_pair_forced_apart()
    {
        var splits = GroupSplitter.Split(WithPlantedPair(7), new SplitOptions(7));
        var all = splits.All.ToList();
        var a = all.Single(r => r.Id == "planted-a");
        var b = all.Single(r => r.Id == "planted-b");
        var forced = new DatasetSplits(
            [.. splits.Train.Where(r => r != a && r != b), a],
            [.. splits.Validation.Where(r => r != a && r != b)],
            [.. splits.Test.Where(r => r != a && r != b), b]);
        var leak = Assert.Single(LeakCheck.Find(forced));
        Assert.Equal(LeakKind.NearDuplicate, leak.Kind);
        Assert.Equal(("planted-a", "train", "planted-b", "test"), (leak.FirstId, leak.FirstSplit, leak.SecondId, leak.SecondSplit));
    }

    [Fact]
    public void Leak_check_finds_shared_groups_and_exact_duplicates()
    {
        var splits = new DatasetSplits(
            [TestRows.Offline("a", "g:1", "First text about bikes"), TestRows.Offline("c", "g:3", "Exact text here")],
            [TestRows.Offline("b", "g:1", "Second text about boats")],
            [TestRows.Offline("d", "g:4", "exact TEXT, here!")]);
        var leaks = LeakCheck.Find(splits);
        Assert.Equal(2, leaks.Count);
        Assert.Contains(leaks, l => l.Kind == LeakKind.SharedGroup && l.FirstId == "a" && l.SecondId == "b");
        Assert.Contains(leaks, l => l.Kind == LeakKind.ExactDuplicate && l.FirstId == "c" && l.SecondId == "d");
    }

    [Fact]
    public void No_group_crosses_splits_on_a_random_dataset()
    {
        var rows = TestRows.RandomDataset(3000, 11, maxGroupSize: 6);
        var splits = GroupSplitter.Split(rows, new SplitOptions(11));
        Assert.Equal(rows.Count, splits.Count);
        Assert.Equal(rows.Select(r => r.Id).Order(StringComparer.Ordinal), splits.All.Select(r => r.Id).Order(StringComparer.Ordinal));
        var splitsOfGroup = DatasetSplits.Names
            .SelectMany(name => splits.Rows(name).Select(r => (r.Group, name)))
            .GroupBy(x => x.Group)
            .Select(g => g.Select(x => x.name).Distinct().Count());
        Assert.All(splitsOfGroup, count => Assert.Equal(1, count));
        Assert.Empty(LeakCheck.Find(splits));
        foreach (var name in DatasetSplits.Names)
        {
            Assert.Equal(splits.Rows(name).Select(r => r.Id).Order(StringComparer.Ordinal), splits.Rows(name).Select(r => r.Id));
        }
    }

    [Fact]
    public void Shares_hold_on_five_thousand_rows()
    {
        var rows = TestRows.RandomDataset(5000, 3, maxGroupSize: 1);
        var splits = GroupSplitter.Split(rows, new SplitOptions(3));
        Assert.InRange(splits.Validation.Count / 5000.0, 0.085, 0.115);
        Assert.InRange(splits.Test.Count / 5000.0, 0.085, 0.115);
        Assert.InRange(splits.Train.Count / 5000.0, 0.775, 0.825);

        var skewed = GroupSplitter.Split(rows, new SplitOptions(3) { Validation = 0.05, Test = 0.25 });
        Assert.InRange(skewed.Validation.Count / 5000.0, 0.04, 0.06);
        Assert.InRange(skewed.Test.Count / 5000.0, 0.23, 0.27);
    }

    [Fact]
    public void Same_seed_gives_identical_files_and_another_seed_another_assignment()
    {
        var rows = TestRows.RandomDataset(1000, 21);
        using var temp = new TempDirectory();
        GroupSplitter.Split(rows, new SplitOptions(5)).Write(Path.Combine(temp.Path, "a"));
        GroupSplitter.Split(rows, new SplitOptions(5)).Write(Path.Combine(temp.Path, "b"));
        GroupSplitter.Split(rows, new SplitOptions(6)).Write(Path.Combine(temp.Path, "c"));
        foreach (var name in DatasetSplits.Names)
        {
            var file = DatasetSplits.FileName(name);
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Path, "a", file)), File.ReadAllBytes(Path.Combine(temp.Path, "b", file)));
        }
        Assert.NotEqual(
            File.ReadAllBytes(Path.Combine(temp.Path, "a", "test.jsonl")),
            File.ReadAllBytes(Path.Combine(temp.Path, "c", "test.jsonl")));
        var read = DatasetSplits.Read(Path.Combine(temp.Path, "a"));
        Assert.Equal(
            GroupSplitter.Split(rows, new SplitOptions(5)).Test.Select(DomainDatasetFile.Format),
            read.Test.Select(DomainDatasetFile.Format));
    }

    [Fact]
    public void Input_order_does_not_change_the_result()
    {
        var rows = WithPlantedPair(9);
        var shuffled = rows.ToArray();
        new Random(1).Shuffle(shuffled);
        var first = GroupSplitter.Split(rows, new SplitOptions(9));
        var second = GroupSplitter.Split(shuffled, new SplitOptions(9));
        foreach (var name in DatasetSplits.Names)
        {
            Assert.Equal(first.Rows(name), second.Rows(name));
        }
    }

    [Fact]
    public void Repeated_ids_are_refused()
    {
        var rows = new[] { TestRows.Offline("x", "g:1", "one text"), TestRows.Offline("x", "g:2", "another text") };
        Assert.Throws<DomainDataException>(() => GroupSplitter.Split(rows, new SplitOptions(1)));
    }
}
