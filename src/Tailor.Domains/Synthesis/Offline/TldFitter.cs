namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// The TLDs that fit a company, best first: its industry's list (".health", ".care" for a clinic), with the
/// country's ccTLD first for French, Spanish and German descriptions (".fr", ".es", ".de" and neighbours) and
/// sometimes second for local English-speaking businesses outside the US (".co.uk", ".ie").
/// </summary>
internal static class TldFitter
{
    public static IReadOnlyList<string> For(CompanyProfile company, Random random)
    {
        var tlds = new List<string>();
        if (company.Lang != "en")
        {
            tlds.Add(company.Place.Cctld);
            tlds.Add(company.Language!.Tld);
        }
        tlds.AddRange(company.Industry.Tlds);
        if (company.Lang == "en" && company.Place.Country != "US" && random.Chance(0.3))
        {
            tlds.Insert(1, company.Place.Cctld);
        }
        if (!tlds.Contains("com"))
        {
            tlds.Add("com");
        }
        return tlds.Distinct(StringComparer.Ordinal).ToList();
    }
}
