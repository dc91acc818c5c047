namespace Tailor.Domains.Suggestions;

/// <summary>
/// The rule-based floor every model must beat: refuses descriptions with a blocklisted term
/// (<see cref="SafetyTermMatcher"/>), otherwise builds names from the description's keywords
/// (<see cref="KeywordExtractor"/>, <see cref="BaselineNames"/>). No randomness: the same description always gets
/// the same answer. Descriptions without a usable word (emoji only, another script) get pronounceable coinages
/// seeded by a stable hash of the text. The request's options are honoured as <see cref="BaselineNames"/> says:
/// names only under the requested suffixes, within the length limit (8 for the short style) and without excluded
/// words; included words lead (and are screened with the description); the keyword style ranks plain keywords first.
/// The language is not used: the keywords are the description's own words, folded to ASCII, whatever the language.
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

    /// <exception cref="ArgumentException">
    /// The description is empty or white space (there is nothing to name), or a requested suffix is not one names can be registered under.
    /// </exception>
    public Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Suggest(request));

    /// <inheritdoc cref="SuggestAsync"/>
    public static SuggestionResult Suggest(SuggestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1, nameof(request));
        var constraints = NameConstraints.For(request);
        // Included words are the client's text too: they end up in the names, so they are screened like the description.
        var screened = request.Include.Count == 0 ? request.Description : request.Description + " " + string.Join(' ', request.Include);
        var category = SafetyTermMatcher.Find(screened);
        if (category is not null)
        {
            return SuggestionResult.Blocked(RefusalMessage, category);
        }
        // A keyword with an excluded word would only make labels that are thrown away: its slot goes to the next one.
        var keywords = KeywordExtractor.Extract(request.Description).Where(k => constraints.ExcludedWordIn(k) is null).ToList();
        if (keywords.Count == 0)
        {
            keywords = Coinages(request.Description, constraints);
        }
        var allWords = AsciiText.Words(AsciiText.Fold(request.Description)).ToHashSet(StringComparer.Ordinal);
        var names = BaselineNames.Build(keywords, allWords, request.Count, constraints, request.Style ?? NameStyle.Brandable, IncludeWords(request.Include));
        return SuggestionResult.Success(RankConfidence.Rank(names));
    }

    /// <summary>Included words as they can stand in a label: folded to ASCII, letters, digits and inner hyphens.</summary>
    private static List<string> IncludeWords(IReadOnlyList<string> include) =>
        include.Select(w => new string(AsciiText.Fold(w).Where(c => AsciiText.IsWordChar(c) || c == '-').ToArray()).Trim('-'))
            .Where(w => w.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Three coinages seeded by the FNV-1a hash of the description (string.GetHashCode changes per process), none
    /// with an excluded word; fewer if a hundred tries do not find three.
    /// </summary>
    private static List<string> Coinages(string description, NameConstraints constraints)
    {
        var hash = 2166136261u;
        foreach (var c in description)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        var random = new Random(unchecked((int)hash));
        var words = new List<string>();
        for (var tries = 0; words.Count < 3 && tries < 100; tries++)
        {
            var word = Synthesis.Naming.CoinedNames.Make(random);
            if (!words.Contains(word, StringComparer.Ordinal) && constraints.ExcludedWordIn(word) is null)
            {
                words.Add(word);
            }
        }
        return words;
    }
}
