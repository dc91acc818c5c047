using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// The LLM judge's rubric prompt. Change <see cref="Version"/> with any change of wording or schema: it is part of
/// every cache key, so scores given under an older prompt are never mixed with new ones.
/// </summary>
public static class JudgePrompts
{
    public const string Version = "judge-v1";

    /// <summary>The schema's name in a json_schema response format.</summary>
    public const string SchemaName = "domain_judgement";

    public const string System =
        "You are a strict, consistent judge of domain-name suggestions for businesses. "
        + "You always answer with a single JSON object and nothing else: no prose, no code fences.";

    /// <summary>
    /// The rubric and the case: the description between <c>&lt;&lt;&lt;</c> and <c>&gt;&gt;&gt;</c> lines, then the
    /// domains one per line as "N. domain", in the order given.
    /// </summary>
    public static string User(string description, IReadOnlyList<string> domains)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(domains);
        var list = new StringBuilder();
        for (var i = 0; i < domains.Count; i++)
        {
            list.Append(CultureInfo.InvariantCulture, $"{i + 1}. {domains[i]}\n");
        }
        return $$"""
            Judge this list of domain names suggested for the business described below. Judge the list as a whole:
            every name counts, whatever its place in the list.

            Business description:
            <<<
            {{description}}
            >>>

            Suggested domains:
            {{list.ToString().TrimEnd('\n')}}

            Score each criterion with an integer from 1 to 5:
            - relevance: the names fit what the business does and for whom (1 = unrelated, 5 = clearly about it).
            - memorability: easy to remember, spell and say (1 = forgettable or confusing, 5 = sticks at once).
            - brandability: distinctive, short and clean, with no digits or hyphen clutter, and a fitting
              top-level domain (1 = generic or clumsy, 5 = strong brand).
            - appropriateness: safe, not offensive, not misleading, no lookalikes of well-known brands
              (1 = harmful, 5 = fully appropriate).
            - overall: your overall judgement of the list (not necessarily the mean of the others).
            Then give "confidence", a number from 0 to 1 saying how sure you are, and "reason", one short sentence.

            Answer with only this JSON object:
            {"relevance": 1-5, "memorability": 1-5, "brandability": 1-5, "appropriateness": 1-5, "overall": 1-5, "confidence": 0-1, "reason": "..."}
            """;
    }

    /// <summary>The follow-up after an unusable answer, saying what was wrong with it.</summary>
    public static string Retry(string problem) =>
        $"That answer could not be used: {problem}. Answer again with only the JSON object, exactly as asked.";

    /// <summary>The JSON schema of an answer (ranges are checked afterwards: strict modes reject minimum/maximum).</summary>
    public static JsonElement Schema { get; } = ParseSchema("""
        {
          "type": "object",
          "properties": {
            "relevance": { "type": "integer" },
            "memorability": { "type": "integer" },
            "brandability": { "type": "integer" },
            "appropriateness": { "type": "integer" },
            "overall": { "type": "integer" },
            "confidence": { "type": "number" },
            "reason": { "type": "string" }
          },
          "required": ["relevance", "memorability", "brandability", "appropriateness", "overall", "confidence", "reason"],
          "additionalProperties": false
        }
        """);

    private static JsonElement ParseSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
