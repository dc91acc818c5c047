using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Domains.Tests.Teacher;

public sealed class TeacherBriefsTests
{
    [Fact]
    public void BriefsDependOnlyOnSeedAndIndex()
    {
        var briefs = TeacherBriefs.Create(5, 200);

        Assert.Equal(briefs, TeacherBriefs.Create(5, 200));
        Assert.Equal(briefs[150], TeacherBriefs.For(5, 150));
        Assert.Equal(briefs.Take(50), TeacherBriefs.Create(5, 50));
        Assert.NotEqual(briefs, TeacherBriefs.Create(6, 200));
        Assert.Equal("teacher-000000", briefs[0].Id);
        Assert.Equal("teacher-000199", briefs[199].Id);
    }

    [Fact]
    public void BriefsAreMostlyEnglishButVaried()
    {
        var briefs = TeacherBriefs.Create(1, 1000);
        var english = briefs.Count(b => b.Language == "en");

        Assert.InRange(english, 600, 800);
        Assert.Equal(["de", "en", "es", "fr"], briefs.Select(b => b.Language).Distinct().Order(StringComparer.Ordinal));
        Assert.True(briefs.Select(b => b.Industry).Distinct().Count() >= 25);
        Assert.True(briefs.Select(b => b.Tone).Distinct().Count() >= 5);
        Assert.All(briefs.Where(b => b.Language == "de"), b => Assert.Contains(b.Region, new[] { "Germany", "Austria", "Switzerland" }));
    }

    [Fact]
    public void CompanyPromptCarriesTheBrief()
    {
        var brief = TeacherBriefs.Create(3, 40).First(b => b.Language == "fr");
        var prompt = TeacherPrompts.Company(brief);

        Assert.Contains(brief.Industry, prompt, StringComparison.Ordinal);
        Assert.Contains(brief.Region, prompt, StringComparison.Ordinal);
        Assert.Contains("French", prompt, StringComparison.Ordinal);
        Assert.Contains("\"company_name\"", prompt, StringComparison.Ordinal);
    }
}
