using System.Text.Json;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// The prompts of a teacher job. Step 1 invents a business from a <see cref="TeacherBrief"/>; step 2 names it from
/// its description alone, as the student will have to. Change <see cref="PromptVersion"/> with any wording change,
/// so datasets written under different prompts can be told apart.
/// </summary>
public static class TeacherPrompts
{
    public const string PromptVersion = "teacher-v1";

    /// <summary>The number of domains step 2 asks for.</summary>
    public const int DomainCount = 10;

    public const string System =
        "You write training data for a model that suggests domain names for businesses. "
        + "You always answer with a single JSON object and nothing else: no prose, no code fences.";

    /// <summary>Step 1: a fictional business as {"company_name", "description"}.</summary>
    public static string Company(TeacherBrief brief)
    {
        ArgumentNullException.ThrowIfNull(brief);
        return $$"""
            Invent a fictional business and describe it.

            Industry: {{brief.Industry}}
            Who runs it: {{brief.CompanySize}}
            Where: {{brief.Region}}
            Tone of the description: {{brief.Tone}}
            Length of the description: {{brief.DescriptionLength}}
            Language of the description: {{TeacherBriefs.LanguageName(brief.Language)}}

            Write the description as the owner would describe the business to someone who will suggest domain names
            for it: what it does, for whom, and what sets it apart. Invent an original company name that is not a
            well-known brand. Leave the company name out of the description unless it comes naturally. Do not mention
            websites or domain names.

            Answer with only this JSON object:
            {"company_name": "...", "description": "..."}
            """;
    }

    /// <summary>Step 2: 10 domains for <paramref name="description"/>, best first, as {"domains": [...]}.</summary>
    public static string Domains(TeacherBrief brief, string description)
    {
        ArgumentNullException.ThrowIfNull(brief);
        return $$"""
            Suggest {{DomainCount}} domain names for the business described below, best first.

            Business description:
            <<<
            {{description}}
            >>>

            Rules:
            - Each is a complete domain name such as "example.com": lower-case letters, digits and hyphens, no spaces,
              no "www.", no "http://".
            - All {{DomainCount}} are different. Mix short brandable names with clear descriptive ones.
            - Prefer .com; use a country or niche top-level domain where it suits a business in {{brief.Region}}.

            Answer with only this JSON object:
            {"domains": ["...", "...", "...", "...", "...", "...", "...", "...", "...", "..."]}
            """;
    }

    /// <summary>The follow-up after an unusable answer, saying what was wrong with it.</summary>
    public static string Retry(string problem) =>
        $"That answer could not be used: {problem}. Answer again with only the JSON object, exactly as asked.";

    /// <summary>The JSON schema of the step 1 answer.</summary>
    public static JsonElement CompanySchema { get; } = Schema("""
        {
          "type": "object",
          "properties": {
            "company_name": { "type": "string" },
            "description": { "type": "string" }
          },
          "required": ["company_name", "description"],
          "additionalProperties": false
        }
        """);

    /// <summary>The JSON schema of the step 2 answer (the count is checked afterwards: strict modes reject minItems).</summary>
    public static JsonElement DomainsSchema { get; } = Schema("""
        {
          "type": "object",
          "properties": {
            "domains": { "type": "array", "items": { "type": "string" } }
          },
          "required": ["domains"],
          "additionalProperties": false
        }
        """);

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
