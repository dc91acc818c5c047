using Tailor.Evaluation.Metrics;

namespace Tailor.Evaluation.Tests.Metrics;

public class FormatComplianceTests
{
    [Fact]
    public void Json_with_suggestions_is_compliant()
    {
        var result = FormatCompliance.Check(
            """{"suggestions":[{"domain":"a.com","confidence":0.9},{"domain":"b.io","confidence":0.5}],"status":"success"}""", 2);
        Assert.True(result.Compliant, result.Problem);
        Assert.Equal(["a.com", "b.io"], result.Extracted);
    }

    [Fact]
    public void Json_with_domains_is_compliant()
    {
        var result = FormatCompliance.Check("""  {"domains":["a.com","b.io"]}  """, 2);
        Assert.True(result.Compliant, result.Problem);
    }

    [Fact]
    public void Bare_lines_are_compliant()
    {
        var result = FormatCompliance.Check("breadly.com\r\nbakerylyon.fr\ngetfreshbread.com\n", 3);
        Assert.True(result.Compliant, result.Problem);
        Assert.Equal(["breadly.com", "bakerylyon.fr", "getfreshbread.com"], result.Extracted);
    }

    [Theory]
    [InlineData("""{"suggestions":[{"domain":"a.com","confidence":0.9}]}""", 2, "JSON has 1 names, expected 2")]
    [InlineData("""{"suggestions":[{"domain":"a.com","confidence":"high"}]}""", 1, "a \"confidence\" is not a number")]
    [InlineData("""{"names":["a.com"]}""", 1, "JSON has neither \"suggestions\" nor \"domains\"")]
    [InlineData("""{"domains":["a.com"]} Hope this helps!""", 1, "text starts like JSON but is not valid JSON (or has text after it)")]
    [InlineData("a.com\nb.com", 3, "2 lines, expected 3")]
    [InlineData("1. a.com\n2. b.com", 2, "not a bare domain line: '1. a.com'")]
    [InlineData("- a.com\n- b.com", 2, "not a bare domain line: '- a.com'")]
    [InlineData("Here are some names:\na.com\nb.com", 2, "not a bare domain line: 'Here are some names:'")]
    [InlineData("```\na.com\nb.com\n```", 2, "not a bare domain line: '```'")]
    [InlineData("a.com\n\nb.com", 2, "not a bare domain line: ''")]
    [InlineData("", 2, "no text")]
    public void Anything_else_is_not(string text, int count, string problem)
    {
        var result = FormatCompliance.Check(text, count);
        Assert.False(result.Compliant);
        Assert.Equal(problem, result.Problem);
    }

    [Fact]
    public void Domain_like_tokens_are_extracted_from_prose()
    {
        var result = FormatCompliance.Check(
            "Sure! Here are ideas:\n1. **Breadly.com** - short\n2. bakery_lyon.fr\n3. getfreshbread.com.\nVisit https://shop.example.org/x or e-mail me. v2.0", 3);
        Assert.False(result.Compliant);
        Assert.Equal(["Breadly.com", "getfreshbread.com", "shop.example.org"], result.Extracted);
        // Breadly.com is upper-case, shop.example.org a subdomain: one valid name out of three.
        Assert.Equal(1.0 / 3, result.ValidShare, 9);
    }

    [Fact]
    public void Unicode_names_are_extracted()
    {
        Assert.Equal(["bäckerei.de"], FormatCompliance.Extract("Try bäckerei.de!"));
    }
}
