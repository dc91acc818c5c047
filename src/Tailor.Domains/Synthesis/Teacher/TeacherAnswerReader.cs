using System.Text.Json;
using Tailor.Domains.Names;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// Reads the teacher's answers. A JSON object inside a ```json fence is accepted but not counted as strictly
/// formatted; anything else that is not the asked object, or names that are invalid or repeat, make the answer
/// unusable, and the problem is said so the teacher can be re-asked.
/// </summary>
internal static class TeacherAnswerReader
{
    private const string CompanyNameField = "company_name";
    private const string DescriptionField = "description";
    private const string DomainsField = "domains";

    /// <summary>Step 1's answer: a non-empty company name (with letters or digits) and description.</summary>
    public static TeacherAnswer<CompanyAnswer> ReadCompany(string text)
    {
        using var document = ParseObject(text, out var fenced, out var problem);
        if (document is null)
        {
            return new(null, problem, Strict: false);
        }
        var root = document.RootElement;
        var name = StringField(root, CompanyNameField);
        var description = StringField(root, DescriptionField);
        var strict = !fenced && HasExactly(root, CompanyNameField, DescriptionField) && name is not null && description is not null;
        if (string.IsNullOrWhiteSpace(name) || TeacherKeys.Company(name).Length == 0)
        {
            return new(null, $"\"{CompanyNameField}\" must be a non-empty string", strict);
        }
        if (string.IsNullOrWhiteSpace(description))
        {
            return new(null, $"\"{DescriptionField}\" must be a non-empty string", strict);
        }
        return new(new CompanyAnswer(name.Trim(), description.Trim()), null, strict);
    }

    /// <summary>Step 2's answer: exactly <see cref="TeacherPrompts.DomainCount"/> distinct valid domains once trimmed and lower-cased.</summary>
    public static TeacherAnswer<IReadOnlyList<string>> ReadDomains(string text)
    {
        using var document = ParseObject(text, out var fenced, out var problem);
        if (document is null)
        {
            return new(null, problem, Strict: false);
        }
        var root = document.RootElement;
        if (!root.TryGetProperty(DomainsField, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return new(null, $"\"{DomainsField}\" must be an array of strings", Strict: false);
        }
        var strict = !fenced && HasExactly(root, DomainsField) && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String);

        // Count every name given, and the valid distinct ones, before judging the answer as a whole.
        var domains = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? firstProblem = null;
        var raw = 0;
        foreach (var element in array.EnumerateArray())
        {
            raw++;
            var given = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            var domain = given.Trim().ToLowerInvariant();
            var syntax = element.ValueKind == JsonValueKind.String ? DomainSyntax.Problem(domain) : "not a string";
            if (syntax is not null)
            {
                firstProblem ??= $"'{given}' is not a valid domain name ({syntax})";
            }
            else if (!seen.Add(domain))
            {
                firstProblem ??= $"'{domain}' appears more than once";
            }
            else
            {
                domains.Add(domain);
            }
        }
        if (raw != TeacherPrompts.DomainCount)
        {
            firstProblem = $"expected {TeacherPrompts.DomainCount} domains, got {raw}";
        }
        return firstProblem is null
            ? new(domains, null, strict, raw, domains.Count)
            : new(null, firstProblem, strict, raw, domains.Count);
    }

    /// <summary>The answer's JSON object, unwrapped from a code fence if it has one; null with a problem otherwise.</summary>
    private static JsonDocument? ParseObject(string text, out bool fenced, out string? problem)
    {
        var body = text.Trim();
        fenced = body.StartsWith("```", StringComparison.Ordinal);
        if (fenced)
        {
            body = Unfence(body);
        }
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                problem = null;
                return document;
            }
            document.Dispose();
            problem = "the answer is JSON but not an object";
            return null;
        }
        catch (JsonException)
        {
            problem = "the answer is not a JSON object";
            return null;
        }
    }

    /// <summary>The text between a "```json" (or bare "```") line and the closing fence.</summary>
    private static string Unfence(string body)
    {
        var firstLineEnd = body.IndexOf('\n', StringComparison.Ordinal);
        var inner = firstLineEnd < 0 ? body[3..] : body[(firstLineEnd + 1)..];
        var close = inner.LastIndexOf("```", StringComparison.Ordinal);
        return (close < 0 ? inner : inner[..close]).Trim();
    }

    private static string? StringField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool HasExactly(JsonElement root, params string[] names)
    {
        var present = root.EnumerateObject().Select(p => p.Name).ToList();
        return present.Count == names.Length && names.All(n => present.Contains(n, StringComparer.Ordinal));
    }
}
