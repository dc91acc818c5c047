using Tailor.Domains.Data;
using Tailor.Domains.Suggestions;
using Tailor.Domains.Synthesis.Teacher;
using Tailor.Domains.Tests.Teacher;

namespace Tailor.Domains.Tests.Suggestions;

/// <summary>The chat suggester over real HTTP against the local fake OpenAI server.</summary>
public sealed class ChatEndpointSuggesterTests : IAsyncLifetime
{
    private static readonly TeacherRetryPolicy FastRetry = new() { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private FakeTeacherServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeTeacherServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ChatEndpointSuggester Suggester() => ChatEndpointSuggester.Create(_server.BaseUrl, "fake-model", "test-key", FastRetry, TimeSpan.FromSeconds(10));

    private async Task<SuggestionResult> AnswerAsync(string content, int count = 10)
    {
        _server.Respond = _ => FakeReply.Answer(content);
        return await Suggester().SuggestAsync(new SuggestionRequest("A bakery in Lyon selling sourdough") { Count = count });
    }

    [Fact]
    public async Task Strict_json_answer_becomes_ranked_suggestions_with_usage_and_raw_text()
    {
        var domains = Enumerable.Range(1, 10).Select(i => $"bakery{i}.com").ToList();
        var content = FakeTeacherServer.DomainsJson(domains);

        var result = await AnswerAsync(content);

        Assert.Equal(SuggestionStatus.Success, result.Status);
        Assert.Equal(domains, result.Suggestions.Select(s => s.Domain));
        Assert.Equal(10.0 / 11, result.Suggestions[0].Confidence, 9);
        Assert.Equal(1.0 / 11, result.Suggestions[^1].Confidence, 9);
        Assert.Equal(content, result.RawText);
        Assert.Equal(FakeTeacherServer.PromptTokens, result.PromptTokens);
        Assert.Equal(FakeTeacherServer.CompletionTokens, result.CompletionTokens);
    }

    [Fact]
    public async Task Sends_the_versioned_prompt_with_the_description_and_the_count()
    {
        _server.Respond = _ => FakeReply.Answer(FakeTeacherServer.DomainsJson(["a.com"]));
        var suggester = Suggester();

        await suggester.SuggestAsync(new SuggestionRequest("A bakery in Lyon") { Count = 7 });

        var request = Assert.Single(_server.Received);
        var messages = request.Body["messages"]!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Contains("exactly 7 distinct", messages[0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Business description: A bakery in Lyon", request.LastUserPrompt);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal("fake-model", (string?)request.Body["model"]);
        Assert.Equal("openai:fake-model", suggester.Name);
        Assert.Equal(ChatSuggesterPrompt.Version, suggester.Settings["prompt"]);
    }

    [Fact]
    public async Task Fenced_json_with_prose_is_read_and_the_raw_text_kept_as_returned()
    {
        const string Content = "Sure! Here you go:\n```json\n{\"domains\": [\"Lyonbake.com\", \"sourdough.fr\"]}\n```\nEnjoy.";

        var result = await AnswerAsync(Content);

        Assert.Equal(["lyonbake.com", "sourdough.fr"], result.Suggestions.Select(s => s.Domain));
        Assert.Equal(Content, result.RawText);
    }

    [Fact]
    public async Task Numbered_list_is_read_in_order()
    {
        const string Content = "Here are some ideas:\n1. **Lyonbake.com** - short\n2) sourdough.shop\n- `levain.co`\n3. lyonbake.com (again)\nContact me at me@mail.com.";

        var result = await AnswerAsync(Content);

        Assert.Equal(SuggestionStatus.Success, result.Status);
        Assert.Equal(["lyonbake.com", "sourdough.shop", "levain.co"], result.Suggestions.Select(s => s.Domain));
        Assert.Equal(Content, result.RawText);
    }

    [Fact]
    public async Task Invalid_and_repeated_names_are_dropped_and_extra_names_cut()
    {
        var content = FakeTeacherServer.DomainsJson(["good.com", "bad_name.com", "-dash.com", "nodot", "GOOD.com", "fine.io", "x.c0m", "third.app"]);

        Assert.Equal(["good.com", "fine.io", "third.app"], (await AnswerAsync(content)).Suggestions.Select(s => s.Domain));
        Assert.Equal(["good.com", "fine.io"], (await AnswerAsync(content, count: 2)).Suggestions.Select(s => s.Domain));
    }

    [Fact]
    public async Task Json_refusal_is_blocked_with_its_reason_and_category()
    {
        const string Content = """{"blocked":true,"reason":"Selling drugs is illegal.","category":"illegal-drugs"}""";

        var result = await AnswerAsync(Content);

        Assert.Equal(SuggestionStatus.Blocked, result.Status);
        Assert.Equal("Selling drugs is illegal.", result.Message);
        Assert.Equal(SafetyCategories.Drugs, result.Category);
        Assert.Empty(result.Suggestions);
        Assert.Equal(Content, result.RawText);
        Assert.Equal(FakeTeacherServer.PromptTokens, result.PromptTokens);
    }

    [Fact]
    public async Task Product_shaped_refusal_and_prose_refusal_are_blocked()
    {
        var product = await AnswerAsync("""{"suggestions":[],"status":"blocked","message":"Request contains inappropriate content"}""");
        var prose = await AnswerAsync("I'm sorry, but I can't help with that request.");

        Assert.Equal(SuggestionStatus.Blocked, product.Status);
        Assert.Equal("Request contains inappropriate content", product.Message);
        Assert.Null(product.Category);
        Assert.Equal(SuggestionStatus.Blocked, prose.Status);
    }

    [Fact]
    public async Task Answer_without_names_is_an_empty_success_for_the_evaluator_to_judge()
    {
        var result = await AnswerAsync("Bakeries are lovely.");

        Assert.Equal(SuggestionStatus.Success, result.Status);
        Assert.Empty(result.Suggestions);
        Assert.Equal("Bakeries are lovely.", result.RawText);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_thrown()
    {
        _server.Respond = request => request.Number == 1 ? FakeReply.Error(503) : FakeReply.Answer(FakeTeacherServer.DomainsJson(["ok.com"]));
        var recovered = await Suggester().SuggestAsync(new SuggestionRequest("A bakery"));
        Assert.Equal(["ok.com"], recovered.Suggestions.Select(s => s.Domain));

        _server.Respond = _ => FakeReply.Error(500);
        await Assert.ThrowsAnyAsync<Exception>(() => Suggester().SuggestAsync(new SuggestionRequest("A bakery")));
        // 2 for the recovered call, then MaxAttempts (2) for the failed one.
        Assert.Equal(4, _server.Requests);
    }
    [Fact]
    public async Task The_prompt_states_the_options_and_without_options_is_the_versioned_text()
    {
        _server.Respond = _ => FakeReply.Answer(FakeTeacherServer.DomainsJson(["bean.io"]));
        var request = new SuggestionRequest("A bakery in Lyon")
        {
            Count = 3,
            Tlds = ["io", "co.uk"],
            MaxLength = 6,
            Style = NameStyle.Keyword,
            Include = ["bean"],
            Exclude = ["vegan"],
            Language = "fr",
        };

        await Suggester().SuggestAsync(request);
        await Suggester().SuggestAsync(new SuggestionRequest("A bakery in Lyon") { Count = 3 });

        var received = _server.Received.ToList();
        var system = (string)received[0].Body["messages"]![0]!["content"]!;
        Assert.StartsWith(ChatSuggesterPrompt.System(3) + "\n", system, StringComparison.Ordinal);
        Assert.Contains("Use only these top-level domains: .io, .co.uk.", system, StringComparison.Ordinal);
        Assert.Contains("at most 6 characters", system, StringComparison.Ordinal);
        Assert.Contains("Style: keyword", system, StringComparison.Ordinal);
        Assert.Contains("contain one of these words: bean.", system, StringComparison.Ordinal);
        Assert.Contains("Never use these words in a name: vegan.", system, StringComparison.Ordinal);
        Assert.Contains("language is fr", system, StringComparison.Ordinal);
        Assert.Equal(ChatSuggesterPrompt.System(3), (string)received[1].Body["messages"]![0]!["content"]!);
    }

    [Fact]
    public async Task Names_breaking_the_options_are_dropped_and_the_endpoint_asked_once_more()
    {
        _server.Respond = request => FakeReply.Answer(FakeTeacherServer.DomainsJson(request.Number == 1
            ? ["levain.io", "sourdoughlyon.io", "bake.com", "getbread.io", "crumb.io"]
            : ["crumb.io", "loaf.com", "miche.io", "boule.io"]));
        var request = new SuggestionRequest("A bakery in Lyon selling sourdough") { Count = 4, Tlds = ["io"], MaxLength = 8, Exclude = ["get"] };

        var result = await Suggester().SuggestAsync(request);

        Assert.Equal(["levain.io", "crumb.io", "miche.io", "boule.io"], result.Suggestions.Select(s => s.Domain));
        Assert.Equal(2, _server.Requests);
        var correction = _server.Received.Single(r => r.Number == 2);
        Assert.Contains("sourdoughlyon.io (label longer than 8 characters)", correction.LastUserPrompt, StringComparison.Ordinal);
        Assert.Contains("bake.com (not under .io)", correction.LastUserPrompt, StringComparison.Ordinal);
        Assert.Contains("getbread.io (contains the excluded word 'get')", correction.LastUserPrompt, StringComparison.Ordinal);
        Assert.Contains("2 more distinct names", correction.LastUserPrompt, StringComparison.Ordinal);
        // The endpoint sees its own first answer in the conversation.
        Assert.Equal("assistant", (string?)correction.Body["messages"]![2]!["role"]);
        Assert.Equal(2 * FakeTeacherServer.PromptTokens, result.PromptTokens);
        Assert.Equal(2 * FakeTeacherServer.CompletionTokens, result.CompletionTokens);
        Assert.Contains("sourdoughlyon.io", result.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_options_unregistrable_names_are_dropped_and_nothing_is_asked_again()
    {
        var result = await AnswerAsync(FakeTeacherServer.DomainsJson(["shop.bakery.com", "bakery.notatld", "bakery.co.uk", "lyonbread.com"]));

        Assert.Equal(["bakery.co.uk", "lyonbread.com"], result.Suggestions.Select(s => s.Domain));
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task A_suffix_no_name_can_be_registered_under_is_refused_before_any_call()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Suggester().SuggestAsync(new SuggestionRequest("A bakery") { Tlds = ["zz"] }));

        Assert.Equal(0, _server.Requests);
    }
}
