using System.Globalization;
using Tailor.Domains.Data;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// The seeded offline generator of domain-name training rows: each row is one fictional company (unique name and
/// group), an English or French/Spanish/German description in one of many shapes, and 10 reference domains from
/// <see cref="ReferenceNamer"/> built from the description's own words, with TLDs that fit the industry and
/// country. No description repeats (compared as <see cref="DescriptionText.ExactKey"/>). Same options, same rows,
/// byte for byte.
/// </summary>
public static class OfflineSynthesizer
{
    private static readonly string[] ForeignLanguages = ["fr", "es", "de"];

    /// <summary>Fresh draws of a row whose description was already written, before its kind falls back to normal.</summary>
    private const int AttemptsPerKind = 20;

    /// <summary>Streams <see cref="OfflineSynthesisOptions.Count"/> rows; every row passes <see cref="DomainExampleRules"/>.</summary>
    public static IEnumerable<DomainExample> Generate(OfflineSynthesisOptions options) =>
        GenerateRows(options).Select(r => r.Example);

    internal static IEnumerable<SyntheticRow> GenerateRows(OfflineSynthesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Count);
        if (options.EdgeCaseShare is < 0 or > 1 || options.NonEnglishShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "shares must lie in [0, 1]");
        }
        return Rows(options);
    }

    private static IEnumerable<SyntheticRow> Rows(OfflineSynthesisOptions options)
    {
        var random = new Random(options.Seed);
        var companies = new CompanyFactory(OfflineLexicon.Default, options.Seed);
        // Round-robin over a seeded order of the tags: every tag appears once there are 11 edge rows.
        var edgeOrder = random.PickDistinct(ExampleKinds.EdgeCases, ExampleKinds.EdgeCases.Count);
        var edgeRows = 0;
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < options.Count; index++)
        {
            var kind = random.Chance(options.EdgeCaseShare) ? edgeOrder[edgeRows++ % edgeOrder.Count] : ExampleKinds.Normal;
            yield return MakeUniqueRow(index, kind, options, companies, random, written);
        }
    }

    /// <summary>
    /// A row whose description was not written before: duplicates teach nothing and, across splits, would leak.
    /// Small shapes run out (there are only so many one-word descriptions), so after <see cref="AttemptsPerKind"/>
    /// tries the row becomes a normal one.
    /// </summary>
    private static SyntheticRow MakeUniqueRow(
        int index, string kind, OfflineSynthesisOptions options, CompanyFactory companies, Random random, HashSet<string> written)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = MakeRow(index, attempt < AttemptsPerKind ? kind : ExampleKinds.Normal, options, companies, random);
            if (written.Add(DescriptionText.ExactKey(row.Example.Description)))
            {
                return row;
            }
        }
    }

    private static SyntheticRow MakeRow(int index, string kind, OfflineSynthesisOptions options, CompanyFactory companies, Random random)
    {
        var lang = kind == ExampleKinds.NonEnglish || (kind == ExampleKinds.Normal && random.Chance(options.NonEnglishShare))
            ? random.Pick(ForeignLanguages)
            : "en";
        var company = companies.Create(random, lang, coinedName: kind == ExampleKinds.NameGiven);
        var draft = kind == ExampleKinds.Normal
            ? Normal(company, random)
            : EdgeCaseWriter.Write(kind, company, companies, random);
        var request = new NamingRequest(
            KeywordPicker.Pick(company, draft.CleanText, draft.ExtraPhrases, random),
            draft.RequiredTld is { } tld ? [tld] : TldFitter.For(company, random),
            draft.CleanText.Contains(company.Name, StringComparison.Ordinal) ? company.Name : null,
            draft.Style ?? (random.Chance(0.5) ? NamingStyle.Brandable : NamingStyle.Keyword),
            DomainExampleRules.DomainsPerExample);
        var example = new DomainExample
        {
            Id = "offline-" + index.ToString("D6", CultureInfo.InvariantCulture),
            Group = "offline:" + company.Key,
            Description = draft.Description,
            Domains = ReferenceNamer.Name(request, random),
            Kind = kind,
            Source = ExampleSources.Offline,
            Lang = lang,
        };
        return new SyntheticRow(example, company, draft, request);
    }

    private static DraftRow Normal(CompanyProfile company, Random random)
    {
        var text = company.Lang == "en" ? DescriptionWriter.Write(company, random) : ForeignDescriptionWriter.Write(company, random);
        return new DraftRow(text, text);
    }
}
