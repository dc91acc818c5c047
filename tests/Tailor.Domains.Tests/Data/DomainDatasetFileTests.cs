using System.Text;
using Tailor.Domains.Data;

namespace Tailor.Domains.Tests.Data;

public sealed class DomainDatasetFileTests
{
    private static readonly string[] TenDomains =
    [
        "breadly.com", "getbread.shop", "lyonbakes.fr", "crumbhq.com", "doughy.co",
        "rustloaf.com", "painlyon.fr", "bakehub.shop", "ovenly.io", "crustco.com",
    ];

    private static DomainExample Answered(string id = "offline-000001") => new()
    {
        Id = id,
        Group = "offline:breadly",
        Description = "Une boulangerie artisanale à Lyon 🥐",
        Domains = TenDomains,
        Kind = ExampleKinds.Normal,
        Source = ExampleSources.Offline,
        Lang = "fr",
    };

    private static DomainExample Refused() => new()
    {
        Id = "safety-000001",
        Group = "safety:illegal-drugs:shop",
        Description = "An online shop selling cocaine",
        Blocked = true,
        Reason = SafetyCategories.Drugs,
        Kind = ExampleKinds.Unsafe,
        Source = ExampleSources.Offline,
        Lang = "en",
    };

    [Fact]
    public void RowsRoundTripWithSchemaFieldNamesAndReadableText()
    {
        using var temp = new TempDirectory();
        var path = temp.File("rows.jsonl");
        DomainDatasetFile.Write(path, [Answered(), Refused()]);

        var lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.StartsWith("{\"id\":\"offline-000001\",\"group\":\"offline:breadly\",\"description\":\"Une boulangerie artisanale à Lyon", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("blocked", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"blocked\":true,\"reason\":\"illegal-drugs\"", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("domains", lines[1], StringComparison.Ordinal);

        var read = DomainDatasetFile.Read(path).ToList();
        Assert.Equal(Answered().Description, read[0].Description);
        Assert.Equal(TenDomains, read[0].DomainList);
        Assert.True(read[1].Blocked);
        Assert.Equal(SafetyCategories.Drugs, read[1].Reason);
        Assert.Empty(read[1].DomainList);
    }

    [Fact]
    public void WritingTheSameRowsGivesTheSameBytesWithoutBom()
    {
        using var temp = new TempDirectory();
        DomainDatasetFile.Write(temp.File("a.jsonl"), [Answered(), Refused()]);
        DomainDatasetFile.Write(temp.File("b.jsonl"), [Answered(), Refused()]);
        var bytes = File.ReadAllBytes(temp.File("a.jsonl"));
        Assert.Equal(bytes, File.ReadAllBytes(temp.File("b.jsonl")));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.False(File.Exists(temp.File("a.jsonl.partial")));
    }

    [Theory]
    [InlineData("{\"id\":\"x\"", "not a dataset row")]
    [InlineData("[1,2]", "not a dataset row")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"normal\",\"source\":\"offline\",\"lang\":\"en\",\"domains\":[\"a.com\"]}", "expected 10 domains")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"normal\",\"source\":\"real\",\"lang\":\"en\",\"domains\":[\"Bad Name.com\"]}", "domain 1 'Bad Name.com' is invalid")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"weird\",\"source\":\"real\",\"lang\":\"en\",\"domains\":[\"a.com\"]}", "unknown kind 'weird'")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"unsafe\",\"source\":\"offline\",\"lang\":\"en\",\"blocked\":true,\"reason\":\"rude\"}", "needs a 'reason'")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"unsafe\",\"source\":\"offline\",\"lang\":\"en\",\"domains\":[\"a.com\"]}", "needs \"blocked\": true")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"\",\"kind\":\"normal\",\"source\":\"real\",\"lang\":\"en\",\"domains\":[\"a.com\"]}", "'description' is empty")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"normal\",\"source\":\"real\",\"lang\":\"english\",\"domains\":[\"a.com\"]}", "two-letter")]
    [InlineData("{\"id\":\"x\",\"group\":\"g\",\"description\":\"d\",\"kind\":\"normal\",\"source\":\"teacher:\",\"lang\":\"en\",\"domains\":[\"a.com\"]}", "unknown source")]
    public void AMalformedLineNamesFileAndLine(string badLine, string reason)
    {
        using var temp = new TempDirectory();
        var path = temp.File("bad.jsonl");
        File.WriteAllText(path, DomainDatasetFile.Format(Answered()) + "\n\n" + badLine + "\n");

        var error = Assert.Throws<DomainDataException>(() => DomainDatasetFile.Read(path).ToList());
        Assert.StartsWith(path + ":3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsAClearError()
    {
        var error = Assert.Throws<DomainDataException>(() => DomainDatasetFile.Read("/nonexistent/rows.jsonl"));
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppendingAfterAKilledWriteDropsOnlyTheTornLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("job.jsonl");
        var whole = DomainDatasetFile.Format(Answered("offline-000001"));
        File.WriteAllText(path, whole + "\n" + whole[..25]);

        using (var writer = DomainDatasetFile.OpenAppend(path))
        {
            writer.WriteLine(DomainDatasetFile.Format(Answered("offline-000002")));
        }

        var ids = DomainDatasetFile.Read(path).Select(r => r.Id).ToList();
        Assert.Equal(["offline-000001", "offline-000002"], ids);
    }
}
