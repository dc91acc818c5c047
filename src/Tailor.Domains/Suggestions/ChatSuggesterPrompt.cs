using System.Globalization;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// The prompt <see cref="ChatEndpointSuggester"/> sends: a system message with the task, the answer format and the
/// refusal rule, and a user message with the description. Any change to the wording changes <see cref="Version"/>,
/// which every result carries in its settings, so scores from different prompts are never compared unawares. A
/// request's options add lines after that text (<see cref="System(SuggestionRequest)"/>); a request without options
/// gets exactly the <see cref="Version"/> text, so the evaluation suites (which set none) still send the same prompt.
/// </summary>
public static class ChatSuggesterPrompt
{
    public const string Version = "domains-v1";

    public static string System(int count) => string.Create(CultureInfo.InvariantCulture, $$"""
        You suggest domain names for businesses. Given a business description, answer with exactly {{count}} distinct,
        available-sounding, brandable domain names that fit it, best first: lower-case, letters, digits and inner hyphens
        only, each with a real top-level domain (.com preferred; .io, .co, .app, .shop, .org and country codes where they fit).
        Answer with JSON only, no prose and no code fence: {"domains":["example.com", ...]}.
        If the business is clearly inappropriate (sexual content, hate, weapons or violence for hire, illegal drugs, scams or
        phishing, self-harm promotion, terrorism, child exploitation), refuse with JSON only:
        {"blocked":true,"reason":"<one short sentence>","category":"<one of: sexual, hate, violence-weapons, illegal-drugs, scams-phishing, self-harm, terrorism, child-exploitation>"}.
        Legitimate businesses that merely share words with those topics (a breast cancer charity, a gun safety course,
        a suicide prevention hotline, a company in Essex) are not inappropriate: suggest names for them.
        """);

    /// <summary>The system message for <paramref name="request"/>: <see cref="System(int)"/> and one line per option it sets.</summary>
    public static string System(SuggestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var lines = new List<string>();
        if (request.Tlds.Count > 0)
        {
            lines.Add("Use only these top-level domains: " + string.Join(", ", request.Tlds.Select(t => "." + NameConstraints.NormaliseTld(t))) + ".");
        }
        if (request.EffectiveMaxLength is { } max)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Each name before its top-level domain has at most {max} characters."));
        }
        if (request.Style is { } style)
        {
            lines.Add("Style: " + style switch
            {
                NameStyle.Keyword => "keyword: names made of the description's own words.",
                NameStyle.Short => "short: names as short as possible.",
                _ => "brandable: coined, memorable names.",
            });
        }
        if (request.Include.Count > 0)
        {
            lines.Add("Prefer names that contain one of these words: " + string.Join(", ", request.Include) + ".");
        }
        if (request.Exclude.Count > 0)
        {
            lines.Add("Never use these words in a name: " + string.Join(", ", request.Exclude) + ".");
        }
        if (request.Language is { } language)
        {
            lines.Add("The description's language is " + language + "; names may use words of that language.");
        }
        var system = System(request.Count);
        return lines.Count == 0 ? system : system + "\nThe client asks for:\n" + string.Join('\n', lines.Select(l => "- " + l));
    }

    public static string User(string description) => "Business description: " + description;
}
