using Tailor.Domains.Names;

namespace Tailor.Domains.Guard;

/// <summary>
/// Screens a generated domain name before it is shown: rejected when it imitates a well-known brand
/// (<see cref="BrandLookalike.Find"/>: "paypa1shop.com") or when one of the words of its first label is an unsafe word
/// ("c0caine-express.com", "pornhub.net"). The label is <see cref="SafetyTextNormalizer">normalized</see> (l33t and
/// look-alike letters undone) and split into words with <see cref="WordSegmenter"/>, which is taught the unsafe words
/// and a few place names that hide one ("Middlesex", "Scunthorpe"), so those stay whole words and pass.
/// </summary>
public static class OutputScreen
{
    /// <summary>Words no suggested name may contain: sexual content, drugs, hate, terror, self-harm and profanity.</summary>
    public static IReadOnlyList<string> UnsafeWords { get; } =
    [
        "porn", "porno", "porns", "xxx", "sex", "nude", "nudes", "nsfw", "hentai", "escorts", "hooker", "hookers", "camgirl",
        "camgirls", "erotica", "cocaine", "heroin", "meth", "fentanyl", "ketamine", "mdma", "opium", "nazi", "nazis",
        "neonazi", "kkk", "jihad", "jihadi", "jihadist", "isis", "daesh", "terrorist", "terrorists", "suicide", "selfharm",
        "proana", "csam", "pedo", "pedophile", "paedophile", "rape", "incest", "fuck", "fucking", "shit", "cunt", "whore",
        "slut", "bitch",
    ];

    // Places and words that contain an unsafe word but are harmless; known to the segmenter as whole words.
    private static readonly string[] HarmlessCompounds =
    [
        "essex", "middlesex", "sussex", "wessex", "scunthorpe", "penistone", "sextant", "sextet", "therapist", "shitake",
    ];

    private static readonly HashSet<string> UnsafeSet = new(UnsafeWords, StringComparer.Ordinal);

    private static readonly Lazy<WordSegmenter> Segmenter = new(() => WordSegmenter.Default.With(UnsafeWords.Concat(HarmlessCompounds)));

    /// <summary>Why <paramref name="domain"/> must not be suggested, or null when it may.</summary>
    public static string? Check(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var brand = BrandLookalike.Find(domain);
        if (brand is not null)
        {
            return $"imitates the brand \"{brand}\"";
        }
        var label = domain.Trim().Split('.')[0];
        var words = Segmenter.Value.Words(SafetyTextNormalizer.Normalize(label));
        var unsafeWord = words.FirstOrDefault(UnsafeSet.Contains);
        return unsafeWord is null ? null : $"contains the unsafe word \"{unsafeWord}\"";
    }
}
