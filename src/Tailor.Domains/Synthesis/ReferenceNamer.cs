using Tailor.Domains.Names;
using Tailor.Domains.Synthesis.Naming;

namespace Tailor.Domains.Synthesis;

/// <summary>
/// Writes the reference domains for a synthetic example by real naming strategies. Every name it returns is valid
/// (<see cref="DomainSyntax"/>) and distinct; the list is best first.
/// </summary>
/// <remarks>
/// Keywords are folded to ASCII word parts (<c>café</c> -> <c>cafe</c>, <c>Straße</c> -> <c>strasse</c>), then
/// combined by every strategy of <see cref="NameStrategies"/> and ranked by <see cref="LabelScore"/>. At most 40% of
/// the list comes from one strategy while others have candidates left, so a list mixes compounds, blends and
/// coinages. Labels are 3-20 letters; <see cref="NamingStyle.Shortest"/> keeps them to 8 or fewer. The best name
/// takes the first TLD; the others take one of the first four TLDs, weighted toward the front.
/// </remarks>
public static class ReferenceNamer
{
    /// <summary>Longest label the namer writes: longer names are hard to type and remember.</summary>
    public const int MaxLabelLength = 20;

    /// <summary>Longest label for <see cref="NamingStyle.Shortest"/>.</summary>
    public const int ShortLabelLength = 8;

    private const int MinLabelLength = 3;

    private static readonly double[] TldWeights = [0.55, 0.25, 0.12, 0.08];

    /// <summary>Exactly <see cref="NamingRequest.Count"/> distinct valid domains, best first.</summary>
    public static IReadOnlyList<string> Name(NamingRequest request, Random random)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        if (request.Count <= 0)
        {
            return [];
        }
        var words = NameWords.Split(request.Keywords ?? []);
        var maxLength = request.Style == NamingStyle.Shortest ? ShortLabelLength : MaxLabelLength;
        var company = request.CompanyName is null ? "" : NameWords.CompanyLabel(request.CompanyName);
        if (company.Length > maxLength)
        {
            company = company[..maxLength];
        }
        var labels = Rank(NameStrategies.All(words, company, random), words, company, request.Style, maxLength, random);
        var chosen = Choose(labels, request.Count);
        FillWithCoinages(chosen, request.Count, words, maxLength, random);
        var tlds = UsableTlds(request.Tlds);
        var domains = new List<string>(chosen.Count);
        for (var i = 0; i < chosen.Count; i++)
        {
            var label = chosen[i].Label;
            var tld = i == 0 ? tlds[0] : PickTld(tlds, random);
            if (Echoes(label, tld))
            {
                // "cleaning.cleaning" says the word twice: take the first TLD that does not echo the label.
                tld = tlds.FirstOrDefault(t => !Echoes(label, t)) ?? tld;
            }
            domains.Add($"{label}.{tld}");
        }
        return domains;
    }

    private static List<NameCandidate> Rank(
        List<NameCandidate> candidates, List<string> words, string company, NamingStyle style, int maxLength, Random random)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scored = new List<(NameCandidate Candidate, double Score)>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (IsUsable(candidate.Label, maxLength) && seen.Add(candidate.Label))
            {
                scored.Add((candidate, LabelScore.Of(candidate, words, company, style, random)));
            }
        }
        // OrderByDescending is stable: equal scores keep generation order, which is deterministic.
        return scored.OrderByDescending(s => s.Score).Select(s => s.Candidate).ToList();
    }

    // Best first, no strategy above 40% of the list while another strategy still has candidates.
    private static List<NameCandidate> Choose(List<NameCandidate> ranked, int count)
    {
        var cap = Math.Max(2, (int)Math.Ceiling(count * 0.4));
        var perStrategy = new Dictionary<NameStrategy, int>();
        var chosen = new List<NameCandidate>(count);
        var skipped = new List<NameCandidate>();
        foreach (var candidate in ranked)
        {
            if (chosen.Count == count)
            {
                break;
            }
            var used = perStrategy.GetValueOrDefault(candidate.Strategy);
            if (used < cap)
            {
                perStrategy[candidate.Strategy] = used + 1;
                chosen.Add(candidate);
            }
            else
            {
                skipped.Add(candidate);
            }
        }
        chosen.AddRange(skipped.Take(count - chosen.Count));
        return chosen;
    }

    // Odd inputs (no keywords, one tiny keyword) can leave too few candidates; coinages never run out.
    private static void FillWithCoinages(List<NameCandidate> chosen, int count, List<string> words, int maxLength, Random random)
    {
        var labels = new HashSet<string>(chosen.Select(c => c.Label), StringComparer.Ordinal);
        for (var attempt = 0; chosen.Count < count; attempt++)
        {
            var first = words.Count > 0 && attempt % 2 == 0 ? words[0][0] : (char?)null;
            var label = attempt < 10_000
                ? CoinedNames.Make(random, first, syllables: maxLength <= ShortLabelLength ? 2 : 0)
                : "name" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (IsUsable(label, maxLength) && labels.Add(label))
            {
                chosen.Add(new(label, NameStrategy.Coined));
            }
        }
    }

    private static bool Echoes(string label, string tld) => label.EndsWith(tld, StringComparison.Ordinal) && tld.Length >= 3;

    private static bool IsUsable(string label, int maxLength) =>
        label.Length >= MinLabelLength && label.Length <= maxLength && DomainSyntax.LabelProblem(label) is null;

    private static List<string> UsableTlds(IReadOnlyList<string>? requested)
    {
        var tlds = (requested ?? [])
            .Select(t => (t ?? "").Trim().TrimStart('.').ToLowerInvariant())
            .Where(t => t.Length > 0 && DomainSyntax.IsValid("a." + t))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return tlds.Count > 0 ? tlds : ["com"];
    }

    private static string PickTld(List<string> tlds, Random random)
    {
        var options = Math.Min(tlds.Count, TldWeights.Length);
        var total = TldWeights.Take(options).Sum();
        var roll = random.NextDouble() * total;
        for (var i = 0; i < options; i++)
        {
            roll -= TldWeights[i];
            if (roll < 0)
            {
                return tlds[i];
            }
        }
        return tlds[options - 1];
    }
}
