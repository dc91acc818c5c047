using System.Globalization;
using System.Text;
using System.Text.Json;
using Tailor.Domains.Data;
using Tailor.Domains.Names;

namespace Tailor.Domains.Real;

/// <summary>
/// Turns the real companies file (<c>data/companies/companies.jsonl</c>: name, description, domain, industry,
/// accelerator, name_in_description, name_matches_domain) into <see cref="ExampleSources.Real"/> dataset rows: the
/// company's own description and the one domain it really uses.
/// </summary>
/// <remarks>
/// The company name is masked in exactly half of the rows whose description names it (half rounded down, of the
/// rows where <see cref="CompanyNameMasker"/> can find the name; which half is a seeded shuffle). Why half: at
/// inference a user sometimes gives the name ("Abode is a platform for...") and then the suggestions should build
/// on it, and sometimes does not and then the model must invent one. Unmasked rows teach the first, masked rows the
/// second; masking all would teach the model to ignore a given name, masking none would teach it that the answer is
/// always spelled out in the question.
/// </remarks>
public static class RealPairs
{
    /// <summary>
    /// Rows read from <paramref name="path"/>, in file order; the id is "real-" plus the row's position in the file
    /// ("real-000001", ...). Directory placeholders (<see cref="IsPlaceholder"/>) and unregistrable domains
    /// (<see cref="IsRegistrable"/>) are left out, so their ids are missing.
    /// </summary>
    /// <exception cref="DomainDataException">Missing file, or a bad line ("path:line: why").</exception>
    public static IReadOnlyList<DomainExample> Load(string path, int seed)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DomainDataException($"{path}: companies file not found.");
        }
        var companies = ReadCompanies(path);
        var masked = ChooseRowsToMask(companies, seed);
        var rows = new List<DomainExample>(companies.Count);
        for (var i = 0; i < companies.Count; i++)
        {
            var company = companies[i];
            if (IsPlaceholder(company) || !IsRegistrable(company))
            {
                continue;
            }
            var description = masked.Contains(i) ? new CompanyNameMasker(company.Name).Mask(company.Description) : company.Description;
            var row = new DomainExample
            {
                Id = "real-" + (i + 1).ToString("D6", CultureInfo.InvariantCulture),
                Group = "real:" + CompanyKey(company),
                Description = description,
                Domains = [company.Domain],
                Kind = ExampleKinds.Normal,
                Source = ExampleSources.Real,
                Lang = LanguageGuesser.Guess(description),
            };
            var problem = DomainExampleRules.Problem(row);
            if (problem is not null)
            {
                throw new DomainDataException($"{path}:{company.Line}: {problem}.");
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// True for a directory's filler text instead of a description ("Spoons is a portfolio company of Antler."): it says
    /// nothing about the business, and once the name is masked many such rows are the same sentence.
    /// </summary>
    internal static bool IsPlaceholder(Company company) =>
        company.Description.StartsWith(company.Name, StringComparison.OrdinalIgnoreCase)
        && company.Description.EndsWith(" is a portfolio company of " + "Antler.", StringComparison.OrdinalIgnoreCase)
        && company.Description.Length <= company.Name.Length + " is a portfolio company of Antler.".Length;

    /// <summary>
    /// False for a domain whose suffix the Public Suffix List does not know (the source has one, "cupcarrier.meida"):
    /// a reference every suggester would be scored against must be a name one could register.
    /// </summary>
    internal static bool IsRegistrable(Company company) => DomainValidity.Check(company.Domain).Valid;

    /// <summary>
    /// The indices (into <paramref name="companies"/>) to mask: half, rounded down, of those whose description names
    /// the company findably, picked by a shuffle seeded with <paramref name="seed"/>.
    /// </summary>
    private static HashSet<int> ChooseRowsToMask(List<Company> companies, int seed)
    {
        var candidates = Enumerable.Range(0, companies.Count)
            .Where(i => companies[i].NameInDescription && !IsPlaceholder(companies[i]) && IsRegistrable(companies[i]) && new CompanyNameMasker(companies[i].Name).Finds(companies[i].Description))
            .ToArray();
        new Random(seed).Shuffle(candidates);
        return [.. candidates.Take(candidates.Length / 2)];
    }

    /// <summary>
    /// The company key behind the row's group: the name lower-cased, letters and digits only, words joined by "-"
    /// ("Abode Labs" -> "abode-labs"); the domain when the name has no letters or digits.
    /// </summary>
    internal static string CompanyKey(Company company)
    {
        var builder = new StringBuilder();
        foreach (var c in company.Name.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var key = builder.ToString().TrimEnd('-');
        return key.Length > 0 ? key : company.Domain;
    }

    private static List<Company> ReadCompanies(string path)
    {
        var companies = new List<Company>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            companies.Add(ParseCompany(line, lineNumber, $"{path}:{lineNumber}"));
        }
        return companies;
    }

    private static Company ParseCompany(string line, int lineNumber, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DomainDataException($"{where}: not a JSON object: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DomainDataException($"{where}: not a JSON object.");
            }
            var name = Text(root, "name", where).Trim();
            var description = Text(root, "description", where).Trim();
            var domain = Text(root, "domain", where).Trim().ToLowerInvariant();
            _ = Text(root, "industry", where);
            _ = Text(root, "accelerator", where);
            var nameInDescription = Flag(root, "name_in_description", where);
            _ = Flag(root, "name_matches_domain", where);
            if (name.Length == 0)
            {
                throw new DomainDataException($"{where}: 'name' is empty.");
            }
            if (description.Length == 0)
            {
                throw new DomainDataException($"{where}: 'description' is empty.");
            }
            var problem = DomainSyntax.Problem(domain);
            if (problem is not null)
            {
                throw new DomainDataException($"{where}: domain '{domain}' is invalid: {problem}.");
            }
            return new Company(lineNumber, name, description, domain, nameInDescription);
        }
    }

    private static string Text(JsonElement root, string field, string where) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new DomainDataException($"{where}: field '{field}' is missing or not a string.");

    private static bool Flag(JsonElement root, string field, string where) =>
        root.TryGetProperty(field, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new DomainDataException($"{where}: field '{field}' is missing or not true/false.");

    /// <summary>One line of the companies file, as far as the dataset needs it.</summary>
    internal sealed record Company(int Line, string Name, string Description, string Domain, bool NameInDescription);
}
