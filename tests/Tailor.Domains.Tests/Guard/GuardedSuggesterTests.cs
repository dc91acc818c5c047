using Tailor.Domains.Data;
using Tailor.Domains.Guard;
using Tailor.Domains.Suggestions;

namespace Tailor.Domains.Tests.Guard;

public sealed class GuardedSuggesterTests
{
    private static readonly Lazy<SafetyGuard> Shipped = new(() => SafetyGuard.Load(Path.Combine(RepositoryFiles.Root(), SafetyGuard.ShippedModelPath)));

    /// <summary>Answers with fixed names and counts its calls.</summary>
    private sealed class FixedSuggester(params string[] domains) : IDomainSuggester
    {
        public int Calls { get; private set; }

        public int LastCount { get; private set; }

        public SuggestionRequest? LastRequest { get; private set; }

        public string Name => "fixed";

        public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["k"] = "v" };

        public Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastCount = request.Count;
            LastRequest = request;
            return Task.FromResult(SuggestionResult.Success(domains.Take(request.Count).Select((d, i) => new DomainSuggestion(d, 1 - (0.05 * i))).ToList()));
        }
    }

    [Fact]
    public async Task Blocks_unsafe_requests_before_the_inner_suggester_runs()
    {
        var inner = new FixedSuggester("breadly.com");
        var guarded = new GuardedSuggester(inner, Shipped.Value);

        var result = await guarded.SuggestAsync(new SuggestionRequest("An online store selling c0caine and heroin"));

        Assert.Equal(SuggestionStatus.Blocked, result.Status);
        Assert.Empty(result.Suggestions);
        Assert.Equal("Request contains inappropriate content", result.Message);
        Assert.Equal(SafetyCategories.Drugs, result.Category);
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task Passes_the_baseline_through_for_ordinary_requests()
    {
        var baseline = new KeywordBaselineSuggester();
        var guarded = new GuardedSuggester(baseline, Shipped.Value);
        var request = new SuggestionRequest("A bakery in Lyon selling sourdough");

        var result = await guarded.SuggestAsync(request);
        var direct = await baseline.SuggestAsync(request);

        Assert.Equal("guarded:baseline", guarded.Name);
        Assert.Equal(SuggestionStatus.Success, result.Status);
        Assert.Equal(10, result.Suggestions.Count);
        // Nothing is screened out here, so the inner suggester is asked once, for exactly the count wanted.
        Assert.Equal(direct.Suggestions, result.Suggestions);
        Assert.True(guarded.Settings.ContainsKey("guard_threshold"));
    }

    [Fact]
    public async Task Drops_screened_names_and_keeps_the_count()
    {
        var inner = new FixedSuggester("paypa1shop.com", "breadly.com", "cocaine-express.com", "crumbhouse.com", "loafly.io", "ovenfresh.shop");
        var guarded = new GuardedSuggester(inner, Shipped.Value);

        var result = await guarded.SuggestAsync(new SuggestionRequest("A bakery in Leeds") { Count = 3 });

        // The first answer (three names) loses two to the screen, so the inner suggester is asked again with spares.
        Assert.Equal(2, inner.Calls);
        Assert.Equal(3 + GuardedSuggester.SpareNames, inner.LastCount);
        Assert.Equal(["breadly.com", "crumbhouse.com", "loafly.io"], result.Suggestions.Select(s => s.Domain));
        Assert.Equal("v", guarded.Settings["k"]);
    }
    [Fact]
    public async Task An_unsafe_include_word_blocks_the_request_and_options_otherwise_reach_the_inner_suggester()
    {
        var inner = new FixedSuggester("breadly.io");
        var guarded = new GuardedSuggester(inner, Shipped.Value);
        var request = new SuggestionRequest("A bakery in Leeds") { Count = 3, Tlds = ["io"], MaxLength = 9, Style = NameStyle.Short, Exclude = ["get"], Language = "en" };

        var blocked = await guarded.SuggestAsync(request with { Include = ["isis"] });

        Assert.Equal(SuggestionStatus.Blocked, blocked.Status);
        Assert.Equal(SafetyCategories.Terrorism, blocked.Category);
        Assert.Equal(0, inner.Calls);

        var passed = await guarded.SuggestAsync(request with { Include = ["bread"] });

        Assert.Equal(SuggestionStatus.Success, passed.Status);
        var seen = inner.LastRequest!;
        Assert.Equal(3 + GuardedSuggester.SpareNames, seen.Count);
        Assert.Equal(["io"], seen.Tlds);
        Assert.Equal(9, seen.MaxLength);
        Assert.Equal(NameStyle.Short, seen.Style);
        Assert.Equal(["bread"], seen.Include);
        Assert.Equal(["get"], seen.Exclude);
        Assert.Equal("en", seen.Language);
    }
}
