namespace Tailor.Server;

/// <summary>The served suggester's name and settings, for /healthz and the chat endpoint's "model".</summary>
public sealed record SuggesterIdentity(string Name, IReadOnlyDictionary<string, string> Settings);
