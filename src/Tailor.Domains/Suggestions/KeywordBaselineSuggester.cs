namespace Tailor.Domains.Suggestions;

/// <summary>
/// The rule-based floor every model must beat: refuses descriptions with a blocklisted term
/// (<see cref="SafetyTermMatcher"/>), otherwise builds names from the description's keywords
/// (<see cref="KeywordExtractor"/>, <see cref="BaselineNames"/>). No randomness: the same description always gets
/// the same answer. Descriptions without a usable word (emoji only, another script) get pronounceable coinages
/// seeded by a stable hash of the text.
/// </summary>
public sealed class KeywordBaselineSuggester : IDomainSuggester
{
    public const string RefusalMessage = "Request contains inappropriate content";

    public string Name => "baseline";

    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kind"] = "keyword-rules",
        ["safety"] = "blocklist",
    };

    /// <exception cref="ArgumentException">The description is empty or white space: there is nothing to name.</exception>
    public Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Suggest(request));

    /// <inheritdoc cref="SuggestAsync"/>
    public static SuggestionResult Suggest(SuggestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1, nameof(request));
        var category = SafetyTermMatcher.Find(request.Description);
        if (category is not null)
        {
            return SuggestionResult.Blocked(RefusalMessage, category);
        }
        var keywords = KeywordExtractor.Extract(request.Description);
        if (keywords.Count == 0)
        {
            keywords = Coinages(request.Description);
        }
        var allWords = AsciiText.Words(AsciiText.Fold(request.Description)).ToHashSet(StringComparer.Ordinal);
        return SuggestionResult.Success(RankConfidence.Rank(BaselineNames.Build(keywords, allWords, request.Count)));
    }

    /// <summary>Three coinages seeded by the FNV-1a hash of the description (string.GetHashCode changes per process).</summary>
    private static List<string> Coinages(string description)
    {
        var hash = 2166136261u;
        foreach (var c in description)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        var random = new Random(unchecked((int)hash));
        var words = new List<string>();
        while (words.Count < 3)
        {
            var word = Synthesis.Naming.CoinedNames.Make(random);
            if (!words.Contains(word, StringComparer.Ordinal))
            {
                words.Add(word);
            }
        }
        return words;
    }
}
