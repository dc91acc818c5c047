namespace Tailor.Domains.Suggestions;

/// <summary>What an endpoint's answer says once read: domains in its order, or a refusal with its reason and category.</summary>
public sealed record ChatAnswer(IReadOnlyList<string> Domains, bool Blocked, string? Reason = null, string? Category = null);
