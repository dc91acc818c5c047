using System.Text.Json;
using System.Text.RegularExpressions;
using Tailor.Domains.Data;
using Tailor.Domains.Names;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// Reads a chat endpoint's answer leniently, since the evaluator judges the raw format separately: the JSON object
/// asked for ({"domains":[...]} or {"blocked":true,...}), also inside a code fence or prose, also in the product shape
/// {"suggestions":[{"domain":...}],"status":...}; failing that, anything that looks like a domain, in order (numbered or
/// bulleted lists). Names are trimmed, lower-cased, and kept only when valid (<see cref="DomainSyntax"/>) and new.
/// An answer with no JSON and no domain that reads like an apology ("I can't help with that") is a refusal.
/// </summary>
public static partial class ChatAnswerReader
{
    private static readonly string[] RefusalMarkers =
        ["can't", "cannot", "can not", "won't", "unable to", "not able to", "i'm sorry", "i am sorry", "not appropriate", "inappropriate"];

    /// <param name="count">At most this many names are kept (the first ones).</param>
    public static ChatAnswer Read(string text, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        var json = JsonObject(text);
        if (json is { } root)
        {
            using (json)
            {
                var answer = FromJson(root.RootElement, count);
                if (answer is not null)
                {
                    return answer;
                }
            }
        }
        var domains = Clean(DomainLike().Matches(text).Select(m => m.Value), count);
        if (domains.Count == 0 && RefusalMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return new ChatAnswer([], Blocked: true, Reason: text.Trim());
        }
        return new ChatAnswer(domains, Blocked: false);
    }

    private static ChatAnswer? FromJson(JsonElement root, int count)
    {
        var blocked = root.TryGetProperty("blocked", out var flag) && flag.ValueKind == JsonValueKind.True
            || (StringField(root, "status") is { } status && status.Equals("blocked", StringComparison.OrdinalIgnoreCase));
        if (blocked)
        {
            var category = StringField(root, "category");
            return new ChatAnswer([], Blocked: true, StringField(root, "reason") ?? StringField(root, "message"),
                category is not null && SafetyCategories.IsKnown(category) ? category : null);
        }
        foreach (var field in new[] { "domains", "suggestions" })
        {
            if (root.TryGetProperty(field, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                var names = array.EnumerateArray().Select(e => e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Object => StringField(e, "domain"),
                    _ => null,
                });
                return new ChatAnswer(Clean(names, count), Blocked: false);
            }
        }
        return null;
    }

    /// <summary>The first parsable JSON object in the text: the whole text, a fenced block, or the span from the first '{' to the last '}'.</summary>
    private static JsonDocument? JsonObject(string text)
    {
        var fence = Fenced().Match(text);
        var candidates = new List<string> { text.Trim() };
        if (fence.Success)
        {
            candidates.Add(fence.Groups["body"].Value.Trim());
        }
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var close = text.LastIndexOf('}');
        if (open >= 0 && close > open)
        {
            candidates.Add(text[open..(close + 1)]);
        }
        foreach (var candidate in candidates)
        {
            try
            {
                var document = JsonDocument.Parse(candidate);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document;
                }
                document.Dispose();
            }
            catch (JsonException)
            {
                // Not this candidate; try the next.
            }
        }
        return null;
    }

    private static List<string> Clean(IEnumerable<string?> names, int count)
    {
        var kept = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var domain = name?.Trim().TrimEnd('.').ToLowerInvariant();
            if (kept.Count < count && DomainSyntax.IsValid(domain) && seen.Add(domain!))
            {
                kept.Add(domain!);
            }
        }
        return kept;
    }

    private static string? StringField(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"```[a-zA-Z]*\s*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fenced();

    // Labels of letters, digits and hyphens joined by dots, ending in a top-level label of two or more letters; not
    // preceded by a word character, dot or '@' (so no e-mail addresses), nor followed by more name characters.
    [GeneratedRegex(@"(?<![\w.@-])[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*\.[a-zA-Z]{2,63}(?![\w-])")]
    private static partial Regex DomainLike();
}
