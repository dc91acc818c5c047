using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// How varied a set of descriptions is, computed from the text alone so it works for offline and teacher data alike.
/// </summary>
/// <remarks>
/// <para>Tokens are the lower-cased words of a description (runs of letters, digits and apostrophes).
/// Distinct-n is the number of distinct n-grams over the number of n-grams, n-grams taken within each
/// description; it falls as the corpus grows, so compare it between corpora of the same size.</para>
/// <para>A description's template is its skeleton: its words and its structural marks (. , : ; ! ? | and bullet
/// dashes, stars and dots) in order, where every word outside a small list of English, French, Spanish and German
/// function words (articles, pronouns, prepositions, conjunctions, auxiliaries) becomes "_", runs of "_" collapse
/// to one, and the first <see cref="TemplateLength"/> skeleton tokens are kept. "We are a bakery in Lyon." and "We
/// are a coffee roastery in Leeds." share the template "we are a _ in _ .".</para>
/// </remarks>
public sealed partial record DiversityReport(
    int Descriptions,
    double Distinct1,
    double Distinct2,
    double Distinct3,
    int DistinctTemplates,
    IReadOnlyList<TemplateShare> TopTemplates)
{
    /// <summary>Skeleton tokens kept per template.</summary>
    public const int TemplateLength = 12;

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "i", "i'm", "me", "my", "we", "we're", "us", "our", "you", "your", "it", "it's", "its",
        "they", "them", "their", "he", "she", "his", "her", "this", "that", "these", "those", "is", "are", "was",
        "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could",
        "should", "and", "or", "but", "so", "if", "because", "of", "in", "on", "at", "for", "to", "from", "with",
        "by", "about", "as", "into", "out", "up", "not", "no", "what", "who", "how", "which", "there", "here", "all",
        "any", "some", "more", "most", "very", "just", "also",
        "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "et", "à", "au", "aux", "en", "nous", "je",
        "est", "sont", "sommes", "suis", "pour", "avec", "dans", "notre", "mon", "ma", "el", "los", "las", "una", "y", "con", "para",
        "es", "por", "que", "mi", "nuestra", "nuestro", "somos", "der", "die", "das", "ein", "eine", "und", "mit",
        "ist", "sind", "wir", "ich", "für", "von", "bei", "aus", "seit", "im", "mein", "unser", "unsere",
    };

    /// <summary>The share of the most frequent template (0 when there are no descriptions).</summary>
    public double TopTemplateShare => TopTemplates.Count > 0 ? TopTemplates[0].Share : 0;

    /// <summary>Measures <paramref name="descriptions"/>, listing the <paramref name="topTemplates"/> most frequent templates.</summary>
    public static DiversityReport Measure(IEnumerable<string> descriptions, int topTemplates = 10)
    {
        ArgumentNullException.ThrowIfNull(descriptions);
        var grams = new[] { new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) };
        var totals = new long[3];
        var templates = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        foreach (var description in descriptions)
        {
            count++;
            var tokens = Tokens(description);
            for (var n = 1; n <= 3; n++)
            {
                for (var i = 0; i + n <= tokens.Count; i++)
                {
                    grams[n - 1].Add(n switch
                    {
                        1 => tokens[i],
                        2 => tokens[i] + " " + tokens[i + 1],
                        _ => tokens[i] + " " + tokens[i + 1] + " " + tokens[i + 2],
                    });
                    totals[n - 1]++;
                }
            }
            var template = Template(description);
            templates[template] = templates.GetValueOrDefault(template) + 1;
        }
        var top = templates
            .OrderByDescending(t => t.Value)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(topTemplates)
            .Select(t => new TemplateShare(t.Key, t.Value, count == 0 ? 0 : (double)t.Value / count))
            .ToList();
        return new DiversityReport(count, Ratio(grams[0].Count, totals[0]), Ratio(grams[1].Count, totals[1]),
            Ratio(grams[2].Count, totals[2]), templates.Count, top);
    }

    /// <summary>The template (skeleton) of one description; see the remarks.</summary>
    /// <summary>The template (skeleton) of one description; see the remarks.</summary>
    public static string TemplateOf(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Template(description);
    }

    /// <summary>A Markdown summary: the ratios, then a table of the top templates.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| descriptions | distinct-1 | distinct-2 | distinct-3 | templates |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {Descriptions} | {Distinct1:0.000} | {Distinct2:0.000} | {Distinct3:0.000} | {DistinctTemplates} |");
        text.AppendLine();
        text.AppendLine("| template | rows | share |");
        text.AppendLine("|---|---:|---:|");
        foreach (var template in TopTemplates)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{template.Template.Replace("|", "\\|", StringComparison.Ordinal)}` | {template.Count} | {template.Share:P1} |");
        }
        return text.ToString();
    }

    private static List<string> Tokens(string description) =>
        WordPattern().Matches(description.ToLowerInvariant()).Select(m => m.Value).ToList();

    private static string Template(string description)
    {
        var skeleton = new List<string>(TemplateLength);
        var lower = description.ToLowerInvariant();
        foreach (var match in SkeletonPattern().EnumerateMatches(lower))
        {
            var token = lower.Substring(match.Index, match.Length);
            var part = FunctionWords.Contains(token) || !char.IsLetterOrDigit(token[0]) ? token : "_";
            if (part == "_" && skeleton.Count > 0 && skeleton[^1] == "_")
            {
                continue;
            }
            skeleton.Add(part);
            if (skeleton.Count == TemplateLength)
            {
                break;
            }
        }
        return string.Join(' ', skeleton);
    }

    private static double Ratio(int distinct, long total) => total == 0 ? 0 : (double)distinct / total;

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();

    // Words, sentence and list punctuation, and bullets (a dash, star or dot standing alone).
    [GeneratedRegex(@"[\p{L}\p{N}']+|[.,:;!?|•]|(?<![\p{L}\p{N}])[-*](?![\p{L}\p{N}])")]
    private static partial Regex SkeletonPattern();
}
