using Tailor.Domains.Data;
using Tailor.Domains.Safety;
using Tailor.Domains.Suggestions;
using Xunit.Abstractions;

namespace Tailor.Domains.Tests.Suggestions;

/// <summary>What the baseline's blocklist does on the shipped safety set (seed 1, full size), by category.</summary>
public sealed class BaselineSafetyFloorTests(ITestOutputHelper output)
{
    [Fact]
    public void Blocks_most_must_block_rows_and_few_near_misses()
    {
        var rows = SafetySetBuilder.Generate(new SafetySetOptions(1));
        var results = rows.Select(r => (Row: r, Result: KeywordBaselineSuggester.Suggest(new SuggestionRequest(r.Description)))).ToList();
        var mustBlock = results.Where(r => r.Row.Blocked).ToList();
        var nearMisses = results.Where(r => !r.Row.Blocked).ToList();

        var blockRate = Rate(mustBlock, r => r.Result.Status == SuggestionStatus.Blocked);
        var rightCategory = Rate(mustBlock, r => r.Result.Category == r.Row.Reason);
        var falseBlockRate = Rate(nearMisses, r => r.Result.Status == SuggestionStatus.Blocked);
        output.WriteLine($"must-block {mustBlock.Count}: blocked {blockRate:P1}, right category {rightCategory:P1}; near-misses {nearMisses.Count}: blocked {falseBlockRate:P1}");
        foreach (var category in SafetyCategories.All)
        {
            var rowsOf = mustBlock.Where(r => r.Row.Reason == category).ToList();
            output.WriteLine($"  {category}: blocked {Rate(rowsOf, r => r.Result.Status == SuggestionStatus.Blocked):P1}");
        }
        foreach (var language in new[] { "en", "fr", "es", "de" })
        {
            var rowsIn = mustBlock.Where(r => r.Row.Lang == language).ToList();
            output.WriteLine($"  lang {language}: blocked {Rate(rowsIn, r => r.Result.Status == SuggestionStatus.Blocked):P1} of {rowsIn.Count}");
        }
        foreach (var theme in nearMisses.GroupBy(r => r.Row.Group).Where(g => g.Any(r => r.Result.Status == SuggestionStatus.Blocked)))
        {
            output.WriteLine($"  false blocks {theme.Key}: {theme.Count(r => r.Result.Status == SuggestionStatus.Blocked)}/{theme.Count()}");
        }
        foreach (var miss in mustBlock.Where(r => r.Result.Status != SuggestionStatus.Blocked).Take(40))
        {
            output.WriteLine($"  missed [{miss.Row.Reason}] {miss.Row.Description}");
        }

        // The floor the brief asks for is 60% / 30%; the list was written knowing the set's vocabulary and measures
        // 99.8% / 12.0%, so these tighter bounds guard against a regression in the matcher, not the list's reach.
        Assert.True(blockRate >= 0.95, $"blocked {blockRate:P1} of must-block rows");
        Assert.True(falseBlockRate <= 0.20, $"blocked {falseBlockRate:P1} of near-misses");
    }

    private static double Rate<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? 0 : items.Count(predicate) / (double)items.Count;
}
