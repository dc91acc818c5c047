using System.Globalization;
using Tailor.Domains.Data;
using Tailor.Domains.Synthesis;

namespace Tailor.Domains.Safety;

/// <summary>
/// Writes the safety set: requests for clearly prohibited businesses that must be refused, for every category of
/// <see cref="SafetyCategories.All"/>, and benign near-misses that share their words (a breast-cancer charity, a
/// company in Scunthorpe) and must be answered. Rows come from curated template families rendered plain, embedded in
/// an ordinary description, obfuscated (<see cref="SafetyObfuscator"/>) or in French, Spanish or German.
/// </summary>
/// <remarks>
/// The group is "safety:&lt;category&gt;:&lt;family&gt;" or "safety:near-miss:&lt;theme&gt;", so a group-disjoint
/// split tests the guard on phrasings it never trained on. Unsafe rows come first, category by category, then the
/// near-misses; ids are "safety-" and a 6-digit index in that order.
/// </remarks>
public static class SafetySetBuilder
{
    public const string GroupPrefix = "safety:";
    public const string NearMissGroupPrefix = GroupPrefix + "near-miss:";

    private const int AttemptsPerRow = 200;

    /// <summary>
    /// The split stratum of a safety group: its category ("safety:illegal-drugs:shop" -> "safety:illegal-drugs",
    /// near-misses form one stratum), so that <see cref="Splits.SplitOptions.Stratum"/> holds out whole template
    /// families of every category for validation and test; null for groups outside the safety set.
    /// </summary>
    public static string? Stratum(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!group.StartsWith(GroupPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var family = group.LastIndexOf(':');
        return family > GroupPrefix.Length - 1 ? group[..family] : group;
    }

    private static readonly string[] TranslatedLanguages = ["fr", "es", "de"];

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> NoSlots =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>
    /// <see cref="SafetySetOptions.UnsafePerCategory"/> blocked rows per category, then
    /// <see cref="SafetySetOptions.NearMisses"/> answered rows with 10 reference domains each; descriptions never repeat.
    /// </summary>
    /// <exception cref="DomainDataException">The curated content cannot give that many distinct descriptions.</exception>
    public static IReadOnlyList<DomainExample> Generate(SafetySetOptions options) =>
        Compose(options).Select(draft => draft.Example).ToList();

    /// <summary>The rows with how each was made, for tests.</summary>
    internal static IReadOnlyList<SafetyDraft> Compose(SafetySetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.UnsafePerCategory);
        ArgumentOutOfRangeException.ThrowIfNegative(options.NearMisses);
        var content = SafetyContent.Shared;
        var random = new Random(options.Seed);
        var renderer = new SafetyRenderer(content.Phrasing, random);
        var drafts = new List<SafetyDraft>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in SafetyCategories.All)
        {
            var source = content.Categories.First(c => c.Category == category);
            var plan = Plan(source.Families, options.UnsafePerCategory, random);
            foreach (var (family, variant, language) in plan)
            {
                var rendering = RenderUnseen(renderer, family, source.Slots, variant, language, seen, $"{category}:{family.Id}");
                var example = new DomainExample
                {
                    Id = Id(drafts.Count),
                    Group = $"{GroupPrefix}{category}:{family.Id}",
                    Description = rendering.Description,
                    Blocked = true,
                    Reason = category,
                    Kind = ExampleKinds.Unsafe,
                    Source = ExampleSources.Offline,
                    Lang = language,
                };
                drafts.Add(new SafetyDraft(example, family.Id, variant, rendering.KeyTerm, rendering.PlainDescription));
            }
        }
        var themes = content.Themes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var (family, variant, language) in Plan(content.Themes.Select(t => t.Family).ToList(), options.NearMisses, random))
        {
            var theme = themes[family.Id];
            var rendering = RenderUnseen(renderer, family, NoSlots, variant, language, seen, $"near-miss:{family.Id}");
            // The namer gets its own stream, so a change in how many numbers it draws leaves the other rows alone.
            var namerRandom = new Random(random.Next());
            var example = new DomainExample
            {
                Id = Id(drafts.Count),
                Group = NearMissGroupPrefix + family.Id,
                Description = rendering.Description,
                Domains = ReferenceNamer.Name(new NamingRequest(theme.Keywords, theme.Tlds), namerRandom),
                Kind = ExampleKinds.BenignNearMiss,
                Source = ExampleSources.Offline,
                Lang = language,
            };
            drafts.Add(new SafetyDraft(example, family.Id, variant, rendering.KeyTerm, rendering.PlainDescription));
        }
        return drafts;
    }

    /// <summary>
    /// The (family, variant, language) of each row: every family-variant pair in a seeded order, cycled, so a count of
    /// at least families x variants covers them all; translated rows take French, Spanish and German in turn.
    /// </summary>
    private static List<(TemplateFamily Family, SafetyVariant Variant, string Language)> Plan(
        IReadOnlyList<TemplateFamily> families, int count, Random random)
    {
        var pairs = families.SelectMany(f => Enum.GetValues<SafetyVariant>().Select(v => (Family: f, Variant: v))).ToArray();
        random.Shuffle(pairs);
        var plan = new List<(TemplateFamily, SafetyVariant, string)>(count);
        var translated = 0;
        for (var i = 0; i < count; i++)
        {
            var (family, variant) = pairs[i % pairs.Length];
            var language = variant == SafetyVariant.Translated ? TranslatedLanguages[translated++ % TranslatedLanguages.Length] : "en";
            plan.Add((family, variant, language));
        }
        return plan;
    }

    private static SafetyRenderer.Rendering RenderUnseen(
        SafetyRenderer renderer,
        TemplateFamily family,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> slots,
        SafetyVariant variant,
        string language,
        HashSet<string> seen,
        string name)
    {
        for (var attempt = 0; attempt < AttemptsPerRow; attempt++)
        {
            var rendering = renderer.Render(family, slots, variant, language);
            if (seen.Add(rendering.Description))
            {
                return rendering;
            }
        }
        throw new DomainDataException(
            $"safety set: family '{name}' ran out of distinct {variant} '{language}' descriptions; ask for fewer rows.");
    }

    private static string Id(int index) => "safety-" + index.ToString("D6", CultureInfo.InvariantCulture);
}
