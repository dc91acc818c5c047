using System.Globalization;
using System.Text.Json;
using Tailor.Domains.Data;
using Tailor.Domains.Real;

namespace Tailor.Domains.Tests.Real;

public class RealPairsTests
{
    private static readonly (string Name, string Description, string Domain, bool InDescription)[] Companies =
    [
        ("Abode", "Abode is an AI powered platform transforming housing affordability.", "withabode.com", true),
        ("Brightly", "Energy audits in minutes. Brightly's app scans your home.", "brightly.io", true),
        ("Corvo.ai", "Corvo helps lawyers draft contracts; with Corvo.ai, review takes minutes.", "corvo.ai", true),
        ("Delta Labs", "We make lab robots for biology teams. The Delta Labs robot pipettes for you.", "deltalabs.com", true),
        ("Ember", "Ember sells smart mugs that keep coffee hot.", "ember.com", true),
        ("Fjord", "Fjord turns fishing logs into catch forecasts.", "fjord.no", true),
        ("Gale", "Weather data for wind farms.", "gale.energy", false),
        ("Hive", "Beekeeping sensors that warn of swarms early.", "HiveSense.com", false),
    ];

    private static string Line(string name, string description, string domain, bool inDescription) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name,
            ["description"] = description,
            ["domain"] = domain,
            ["industry"] = "",
            ["accelerator"] = "Antler",
            ["name_in_description"] = inDescription,
            ["name_matches_domain"] = true,
        });

    private static string WriteFixture(TempDirectory temp) =>
        WriteLines(temp, Companies.Select(c => Line(c.Name, c.Description, c.Domain, c.InDescription)));

    private static string WriteLines(TempDirectory temp, IEnumerable<string> lines)
    {
        var path = temp.File("companies.jsonl");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    [Fact]
    public void Rows_follow_the_file_and_pass_the_rules()
    {
        using var temp = new TempDirectory();
        var rows = RealPairs.Load(WriteFixture(temp), seed: 1);
        Assert.Equal(Companies.Length, rows.Count);
        Assert.All(rows, r => Assert.Null(DomainExampleRules.Problem(r)));
        Assert.Equal("real-000001", rows[0].Id);
        Assert.Equal("real-000008", rows[7].Id);
        Assert.Equal("real:delta-labs", rows[3].Group);
        Assert.Equal(["hivesense.com"], rows[7].DomainList);
        Assert.All(rows, r => Assert.Equal((ExampleKinds.Normal, ExampleSources.Real, "en"), (r.Kind, r.Source, r.Lang)));
        Assert.Equal(Companies[6].Description, rows[6].Description);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Exactly_half_of_the_named_rows_are_masked(int seed)
    {
        using var temp = new TempDirectory();
        var rows = RealPairs.Load(WriteFixture(temp), seed);
        var named = Enumerable.Range(0, Companies.Length).Where(i => Companies[i].InDescription).ToList();
        var masked = named.Where(i => rows[i].Description != Companies[i].Description).ToList();
        Assert.Equal(3, masked.Count);
        foreach (var i in named)
        {
            var stem = Companies[i].Name.Split('.', ' ')[0];
            var stillNamed = rows[i].Description.Contains(stem, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(!masked.Contains(i), stillNamed);
        }
    }

    [Fact]
    public void The_same_seed_masks_the_same_rows_and_seeds_differ()
    {
        using var temp = new TempDirectory();
        var path = WriteFixture(temp);
        string Masked(int seed) => string.Join("|", RealPairs.Load(path, seed).Select(r => r.Description));
        Assert.Equal(Masked(4), Masked(4));
        Assert.Contains(Enumerable.Range(5, 10), seed => Masked(seed) != Masked(4));
    }

    [Theory]
    [InlineData("{\"name\": \"Broken\"", "not a JSON object")]
    [InlineData("{\"name\": \"X Co\", \"description\": \"Things.\", \"industry\": \"\", \"accelerator\": \"\", \"name_in_description\": false, \"name_matches_domain\": false}", "'domain'")]
    [InlineData("{\"name\": \"X Co\", \"description\": \"  \", \"domain\": \"x.com\", \"industry\": \"\", \"accelerator\": \"\", \"name_in_description\": false, \"name_matches_domain\": false}", "'description' is empty")]
    [InlineData("{\"name\": \"X Co\", \"description\": \"Things.\", \"domain\": \"x_y.com\", \"industry\": \"\", \"accelerator\": \"\", \"name_in_description\": false, \"name_matches_domain\": false}", "domain 'x_y.com' is invalid")]
    [InlineData("{\"name\": \"X Co\", \"description\": \"Things.\", \"domain\": \"x.com\", \"industry\": \"\", \"accelerator\": \"\", \"name_in_description\": \"yes\", \"name_matches_domain\": false}", "'name_in_description'")]
    public void A_bad_line_is_named_by_file_and_line(string badLine, string why)
    {
        using var temp = new TempDirectory();
        var good = Line("Ok", "A fine company.", "ok.com", false);
        var path = WriteLines(temp, [good, "", badLine, good]);
        var error = Assert.Throws<DomainDataException>(() => RealPairs.Load(path, 1));
        Assert.StartsWith(path + ":3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_copy_loads_whole_and_valid()
    {
        var path = RepositoryFiles.RealCompanies;
        var rows = RealPairs.Load(path, seed: 1);
        // 4,958 companies less the 24 whose description is the directory's "X is a portfolio company of Antler." filler
        // and the one whose domain has no public suffix (".meida").
        Assert.Equal(4958 - 24 - 1, rows.Count);
        Assert.DoesNotContain(rows, r => r.DomainList[0].EndsWith(".meida", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Description.Contains("is a portfolio company of", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Null(DomainExampleRules.Problem(r)));
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());

        // Half of the rows whose name the masker can find are masked; it finds nearly all the flagged ones.
        var sources = File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var byLine = rows.ToDictionary(r => int.Parse(r.Id["real-".Length..], CultureInfo.InvariantCulture) - 1);
        var findable = Enumerable.Range(0, sources.Count)
            .Where(i => byLine.ContainsKey(i) && sources[i].GetProperty("name_in_description").GetBoolean()
                && new CompanyNameMasker(sources[i].GetProperty("name").GetString()!).Finds(sources[i].GetProperty("description").GetString()!.Trim()))
            .ToList();
        var flagged = sources.Count(s => s.GetProperty("name_in_description").GetBoolean());
        Assert.True(findable.Count >= flagged * 0.95, $"the masker finds {findable.Count} of {flagged} names");
        var masked = findable.Count(i => byLine[i].Description != sources[i].GetProperty("description").GetString()!.Trim());
        Assert.Equal(findable.Count / 2, masked);
        Assert.All(rows, r => Assert.Matches("^[a-z]{2}$", r.Lang));
    }
}
