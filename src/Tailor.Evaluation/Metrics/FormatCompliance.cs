using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tailor.Evaluation.Metrics;

/// <summary>
/// Judges a model's raw text before any clean-up. Exactly two formats are compliant, each with exactly the expected
/// number of names and nothing else around it (surrounding whitespace aside):
/// <list type="number">
/// <item>one JSON object with "suggestions": [{"domain": "...", "confidence": number}, ...] (other members such as
/// "status" and "message" allowed), or with "domains": ["...", ...];</item>
/// <item>N lines, each one bare domain (letters, digits, hyphens and dots, no numbering, bullets or prose).</item>
/// </list>
/// Prose, numbering ("1."), bullets, markdown fences or any extra text make the text non-compliant, but domain-like
/// tokens are still extracted from it, so the share of valid names in raw output can be measured.
/// </summary>
public static partial class FormatCompliance
{
    public static FormatResult Check(string? rawText, int expectedCount)
    {
        if (string.IsNullOrWhiteSpace(rawText))
        {
            return new FormatResult(false, "no text", []);
        }
        var text = rawText.Trim();
        var extracted = Extract(text);
        if (text.StartsWith('{'))
        {
            var (domains, problem) = ReadJson(text);
            if (domains is null)
            {
                return new FormatResult(false, problem, extracted);
            }
            return domains.Count == expectedCount
                ? new FormatResult(true, null, domains)
                : new FormatResult(false, $"JSON has {domains.Count} names, expected {expectedCount}", domains);
        }
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var bad = lines.FirstOrDefault(l => !BareDomainLine().IsMatch(l));
        if (bad is not null)
        {
            return new FormatResult(false, $"not a bare domain line: '{Shorten(bad)}'", extracted);
        }
        return lines.Count == expectedCount
            ? new FormatResult(true, null, lines)
            : new FormatResult(false, $"{lines.Count} lines, expected {expectedCount}", lines);
    }

    /// <summary>The domain-like tokens of <paramref name="text"/>: dotted labels ending in a label of 2+ letters.</summary>
    public static IReadOnlyList<string> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DomainToken().Matches(text).Select(m => m.Value).ToList();
    }

    private static (List<string>? Domains, string? Problem) ReadJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "JSON is not an object");
            }
            if (root.TryGetProperty("suggestions", out var suggestions) && suggestions.ValueKind == JsonValueKind.Array)
            {
                var domains = new List<string>();
                foreach (var item in suggestions.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("domain", out var domain)
                        || domain.ValueKind != JsonValueKind.String)
                    {
                        return (null, "a suggestion has no \"domain\" string");
                    }
                    if (item.TryGetProperty("confidence", out var confidence) && confidence.ValueKind != JsonValueKind.Number)
                    {
                        return (null, "a \"confidence\" is not a number");
                    }
                    domains.Add(domain.GetString()!);
                }
                return (domains, null);
            }
            if (root.TryGetProperty("domains", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                if (list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    return (null, "\"domains\" holds a non-string");
                }
                return (list.EnumerateArray().Select(e => e.GetString()!).ToList(), null);
            }
            return (null, "JSON has neither \"suggestions\" nor \"domains\"");
        }
        catch (JsonException)
        {
            return (null, "text starts like JSON but is not valid JSON (or has text after it)");
        }
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "...";

    [GeneratedRegex(@"^[A-Za-z0-9\p{L}-]+(\.[A-Za-z0-9\p{L}-]+)+\.?$")]
    private static partial Regex BareDomainLine();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]{1,62}(?![\p{L}\p{N}_-])")]
    private static partial Regex DomainToken();
}
