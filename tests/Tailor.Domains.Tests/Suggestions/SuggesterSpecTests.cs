using Tailor.Domains.Suggestions;
using Tailor.Domains.Tests.Teacher;

namespace Tailor.Domains.Tests.Suggestions;

public sealed class SuggesterSpecTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Theory]
    [InlineData("baseline")]
    [InlineData("  Baseline ")]
    public void Baseline(string spec)
    {
        Assert.IsType<KeywordBaselineSuggester>(SuggesterSpec.Parse(spec, NoEnvironment));
    }

    [Fact]
    public void Openai_with_model_and_base_url()
    {
        var suggester = SuggesterSpec.Parse("openai:gpt-4o-mini@http://localhost:8000/v1", NoEnvironment);

        Assert.IsType<ChatEndpointSuggester>(suggester);
        Assert.Equal("openai:gpt-4o-mini", suggester.Name);
        Assert.Equal("gpt-4o-mini", suggester.Settings["model"]);
        Assert.Equal("http://localhost:8000/v1", suggester.Settings["endpoint"]);
        Assert.Equal("0", suggester.Settings["temperature"]);
    }

    [Fact]
    public void Openai_without_base_url_uses_the_openai_api_and_options_apply()
    {
        var suggester = SuggesterSpec.Parse("openai:org/model-7b;temperature=0.7", NoEnvironment);

        Assert.Equal("openai:org/model-7b", suggester.Name);
        Assert.Equal(Tailor.Domains.Endpoints.EndpointSpec.DefaultBaseUrl.ToString(), suggester.Settings["endpoint"]);
        Assert.Equal("0.7", suggester.Settings["temperature"]);
    }

    [Theory]
    [InlineData("openai:m@http://127.0.0.1:1/v1", "OPENAI_API_KEY", "Bearer from-default")]
    [InlineData("openai:m@http://127.0.0.1:1/v1;key-env=MY_KEY", "MY_KEY", "Bearer from-mine")]
    public async Task The_api_key_comes_from_the_named_environment_variable(string spec, string variable, string authorization)
    {
        await using var server = await FakeTeacherServer.StartAsync();
        var environment = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "from-default", ["MY_KEY"] = "from-mine" };
        var suggester = SuggesterSpec.Parse(spec.Replace("http://127.0.0.1:1/v1", server.BaseUrl.ToString(), StringComparison.Ordinal), name => environment.GetValueOrDefault(name));

        await suggester.SuggestAsync(new SuggestionRequest("A bakery"));

        Assert.Equal(authorization, Assert.Single(server.Received).Authorization);
        Assert.True(environment.ContainsKey(variable));
    }

    [Fact]
    public void Model_specs_need_an_existing_directory()
    {
        var error = Assert.Throws<DomainDataException>(() => SuggesterSpec.Parse("model:runs/no-such-model", NoEnvironment));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpt-4o")]
    [InlineData("openai:")]
    [InlineData("openai:@http://localhost/v1")]
    [InlineData("openai:m@not a url")]
    [InlineData("openai:m@ftp://host/v1")]
    [InlineData("openai:m;colour=blue")]
    [InlineData("openai:m;temperature=hot")]
    public void Invalid_specs_name_the_accepted_forms(string spec)
    {
        var error = Assert.Throws<DomainDataException>(() => SuggesterSpec.Parse(spec, NoEnvironment));

        Assert.Contains("accepted forms", error.Message, StringComparison.Ordinal);
    }
}
