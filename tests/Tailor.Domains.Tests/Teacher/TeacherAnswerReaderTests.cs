using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Domains.Tests.Teacher;

public sealed class TeacherAnswerReaderTests
{
    private static readonly string TenDomains = FakeTeacherServer.DomainsJson(Enumerable.Range(1, 10).Select(i => $"x{i}.com"));

    [Fact]
    public void BareJsonWithExactFieldsIsStrict()
    {
        var answer = TeacherAnswerReader.ReadCompany("""  {"company_name": " Bloom ", "description": " Flowers. "}  """);

        Assert.Equal(new CompanyAnswer("Bloom", "Flowers."), answer.Value);
        Assert.True(answer.Strict);
    }

    [Fact]
    public void FencedOrExtraFieldsAreUsableButNotStrict()
    {
        var fenced = TeacherAnswerReader.ReadDomains("```json\n" + TenDomains + "\n```");
        var extra = TeacherAnswerReader.ReadCompany("""{"company_name": "A", "description": "B", "notes": "C"}""");

        Assert.NotNull(fenced.Value);
        Assert.False(fenced.Strict);
        Assert.NotNull(extra.Value);
        Assert.False(extra.Strict);
    }

    [Theory]
    [InlineData("not json", "not a JSON object")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("""{"domain": []}""", "must be an array")]
    [InlineData("""{"domains": ["a.com", "b.com"]}""", "expected 10 domains, got 2")]
    public void UnusableDomainAnswersSayWhy(string text, string problem)
    {
        var answer = TeacherAnswerReader.ReadDomains(text);

        Assert.Null(answer.Value);
        Assert.Contains(problem, answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainsAreNormalizedAndCounted()
    {
        var answer = TeacherAnswerReader.ReadDomains(FakeTeacherServer.DomainsJson(
            ["A.com ", "b.com", "bad_name.com", "www", "c.io", "d.de", "e.fr", "f.com", "g.com", "a.com"]));

        Assert.Null(answer.Value);
        Assert.Equal(10, answer.RawDomains);
        Assert.Equal(7, answer.ValidRawDomains);
        Assert.Contains("bad_name.com", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CompanyKeysFoldCaseAccentsAndPunctuation()
    {
        Assert.Equal("cafelea", TeacherKeys.Company("Café Léa!"));
        Assert.Equal(TeacherKeys.Description("Bikes repaired, while you wait."), TeacherKeys.Description("  BIKES repaired while-you wait"));
    }
}
