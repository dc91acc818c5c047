using Tailor.Domains.Names;

namespace Tailor.Domains.Synthesis;

/// <summary>
/// Writes the reference domains for a synthetic example by real naming strategies. Every name it returns is valid
/// (<see cref="DomainSyntax"/>) and distinct; the list is best first.
/// </summary>
public static class ReferenceNamer
{
    /// <summary>Exactly <see cref="NamingRequest.Count"/> distinct valid domains, best first.</summary>
    public static IReadOnlyList<string> Name(NamingRequest request, Random random)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        // Placeholder strategy (keyword compounds only) until the offline generator's strategies land.
        var words = request.Keywords.Select(Clean).Where(w => w.Length > 0).DefaultIfEmpty("brand").ToList();
        var tlds = request.Tlds.Count > 0 ? request.Tlds : ["com"];
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; names.Count < request.Count && attempt < 1000; attempt++)
        {
            var first = words[random.Next(words.Count)];
            var second = words[random.Next(words.Count)];
            var label = first == second ? first + "hq" : first + second;
            var domain = $"{label[..Math.Min(label.Length, 30)]}.{tlds[random.Next(tlds.Count)]}";
            if (DomainSyntax.IsValid(domain) && seen.Add(domain))
            {
                names.Add(domain);
            }
        }
        for (var i = 1; names.Count < request.Count; i++)
        {
            names.Add($"{words[0]}{i}.{tlds[0]}");
        }
        return names;
    }

    private static string Clean(string word) => new(word.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
