using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// What a cached score was given for: the prompt version, the judge model, the case, and <see cref="ContentHash"/>,
/// a SHA-256 over the description and the domains in the exact order the judge saw them (so a shuffled list, or a
/// regenerated suite that reuses a case id, is a different key).
/// </summary>
public sealed record JudgeCacheKey(string PromptVersion, string Model, string CaseId, string ContentHash)
{
    /// <summary>The key of judging <paramref name="domains"/>, in this order, for <paramref name="description"/>.</summary>
    public static JudgeCacheKey For(string promptVersion, string model, string caseId, string description, IReadOnlyList<string> domains)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(domains);
        // JSON keeps the parts apart: no description or domain can fake a boundary between them.
        var content = JsonSerializer.Serialize(new[] { description }.Concat(domains).ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return new JudgeCacheKey(promptVersion, model, caseId, hash);
    }
}
