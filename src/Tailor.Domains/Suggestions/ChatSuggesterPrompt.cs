using System.Globalization;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// The prompt <see cref="ChatEndpointSuggester"/> sends: a system message with the task, the answer format and the
/// refusal rule, and a user message with the description. Any change to the wording changes <see cref="Version"/>,
/// which every result carries in its settings, so scores from different prompts are never compared unawares.
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

    public static string User(string description) => "Business description: " + description;
}
