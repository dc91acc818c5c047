namespace Tailor.Domains.Synthesis.Naming;

/// <summary>
/// The simple score that orders reference names, higher is better:
/// <list type="bullet">
/// <item>keyword coverage: for each of the first 5 keyword parts (3+ letters) the label contains, 1 / (1 + 0.25 * its rank);</item>
/// <item>company name: +3 when the label contains the company's name, +3.5 when it is the name (a named business
/// is found by its name);</item>
/// <item>length: -0.15 per letter away from 8 (Shortest: -0.35 per letter over 5);</item>
/// <item>pronounceability: -0.8 per point of <see cref="Syllables.Awkwardness"/>;</item>
/// <item>style: Brandable +1.5 for blends, +1.2 for coinages, +0.8 for truncations; Keyword +1.2 for compounds
/// and +0.5 for modifiers and company names;</item>
/// <item>a seeded jitter in [0, 0.3) so equal scores do not always fall the same way.</item>
/// </list>
/// </summary>
internal static class LabelScore
{
    public static double Of(NameCandidate candidate, IReadOnlyList<string> words, string companyLabel, NamingStyle style, Random random)
    {
        var label = candidate.Label;
        var score = 0.0;
        for (var i = 0; i < words.Count && i < NameStrategies.WordsCombined; i++)
        {
            if (words[i].Length >= 3 && label.Contains(words[i], StringComparison.Ordinal))
            {
                score += 1.0 / (1 + (0.25 * i));
            }
        }
        if (companyLabel.Length > 0 && label.Contains(companyLabel, StringComparison.Ordinal))
        {
            score += label.Length == companyLabel.Length ? 3.5 : 3;
        }
        score -= style == NamingStyle.Shortest ? 0.35 * Math.Max(0, label.Length - 5) : 0.15 * Math.Abs(label.Length - 8);
        score -= 0.8 * Syllables.Awkwardness(label);
        score += StyleBonus(candidate.Strategy, style);
        return score + (random.NextDouble() * 0.3);
    }

    private static double StyleBonus(NameStrategy strategy, NamingStyle style) => (style, strategy) switch
    {
        (NamingStyle.Brandable, NameStrategy.Blend) => 1.5,
        (NamingStyle.Brandable, NameStrategy.Coined) => 1.2,
        (NamingStyle.Brandable, NameStrategy.Truncation) => 0.8,
        (NamingStyle.Keyword, NameStrategy.Compound) => 1.2,
        (NamingStyle.Keyword, NameStrategy.Modifier or NameStrategy.CompanyName) => 0.5,
        _ => 0,
    };
}
