using System.Reflection;
using System.Text.Json;

namespace Tailor.Domains.Safety;

/// <summary>
/// The curated safety-set content, read from the embedded resources Tailor.Domains.safety/*.json and checked once:
/// every category of <see cref="Data.SafetyCategories.All"/> is present, and every family and theme has templates in
/// each of <see cref="Languages"/>.
/// </summary>
internal sealed record SafetyContent(SafetyPhrasing Phrasing, IReadOnlyList<UnsafeCategory> Categories, IReadOnlyList<NearMissTheme> Themes)
{
    /// <summary>English first; the rest are the translated renderings.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "es", "de"];

    public const string PhrasingResource = "Tailor.Domains.safety/phrasing.json";
    public const string UnsafeResource = "Tailor.Domains.safety/unsafe.json";
    public const string NearMissResource = "Tailor.Domains.safety/near-misses.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<SafetyContent> Loaded = new(Load);

    /// <summary>The content, read and checked on first use.</summary>
    public static SafetyContent Shared => Loaded.Value;

    private static SafetyContent Load()
    {
        var phrasing = Read<SafetyPhrasing>(PhrasingResource);
        var categories = Read<UnsafeFile>(UnsafeResource).Categories;
        var themes = Read<NearMissFile>(NearMissResource).Themes;
        var content = new SafetyContent(phrasing, categories, themes);
        var problem = content.Problem();
        return problem is null ? content : throw new DomainDataException($"safety content: {problem}.");
    }

    private static T Read<T>(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new DomainDataException($"embedded resource '{resource}' not found.");
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new DomainDataException($"{resource}: empty.");
        }
        catch (JsonException e)
        {
            throw new DomainDataException($"{resource}: {e.Message}", e);
        }
    }

    private string? Problem()
    {
        var missing = Data.SafetyCategories.All.Where(c => !Categories.Any(u => u.Category == c)).ToList();
        if (missing.Count > 0)
        {
            return $"no templates for categories {string.Join(", ", missing)}";
        }
        foreach (var language in Languages)
        {
            if (Phrasing.Requests.GetValueOrDefault(language) is not { Count: > 0 })
            {
                return $"no request sentences in '{language}'";
            }
        }
        var families = Categories.SelectMany(c => c.Families.Select(f => ($"{c.Category}:{f.Id}", f)))
            .Concat(Themes.Select(t => ($"near-miss:{t.Id}", t.Family)));
        foreach (var (name, family) in families)
        {
            var language = Languages.FirstOrDefault(l => family.Templates.GetValueOrDefault(l) is not { Count: > 0 });
            if (language is not null)
            {
                return $"family '{name}' has no '{language}' templates";
            }
        }
        return Themes.FirstOrDefault(t => t.Keywords.Count == 0 || t.Tlds.Count == 0) is { } bare
            ? $"near-miss theme '{bare.Id}' needs keywords and TLDs"
            : null;
    }

    private sealed record UnsafeFile(IReadOnlyList<UnsafeCategory> Categories);

    private sealed record NearMissFile(IReadOnlyList<NearMissTheme> Themes);
}
