using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using Tailor.Domains.Suggestions;

namespace Tailor.Server.Tests;

public sealed class ChatCompletionTests : IAsyncLifetime
{
    private const string Coffee = "An organic coffee shop in downtown Portland with vegan pastries";
    private const string Unsafe = "An online shop that sells cocaine and heroin with discreet delivery";

    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Uri V1 => new(_server.BaseUrl, "/v1");

    [Fact]
    public async Task The_OpenAI_client_gets_the_domains_as_json_with_usage_and_model()
    {
        var client = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = V1 })
            .GetChatClient("whatever").AsIChatClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Coffee)]);

        Assert.Equal("baseline", response.ModelId);
        using var content = JsonDocument.Parse(response.Text);
        var domains = content.RootElement.GetProperty("domains").EnumerateArray().Select(d => d.GetString()).ToList();
        var expected = KeywordBaselineSuggester.Suggest(new SuggestionRequest(Coffee)).Suggestions.Select(s => s.Domain);
        Assert.Equal(expected, domains);
        Assert.Equal((Coffee.Length + 3) / 4, response.Usage?.InputTokenCount);
        Assert.Equal((response.Text.Length + 3) / 4, response.Usage?.OutputTokenCount);
        Assert.Equal(response.Usage?.InputTokenCount + response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task The_OpenAI_client_sees_a_refusal_as_the_prompts_blocked_json()
    {
        var client = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = V1 })
            .GetChatClient("whatever").AsIChatClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Unsafe)]);

        using var content = JsonDocument.Parse(response.Text);
        Assert.True(content.RootElement.GetProperty("blocked").GetBoolean());
        Assert.Equal("Request contains inappropriate content", content.RootElement.GetProperty("reason").GetString());
        Assert.Equal("illegal-drugs", content.RootElement.GetProperty("category").GetString());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(4)]
    public async Task ChatEndpointSuggester_round_trips_to_the_served_baseline(int count)
    {
        var remote = ChatEndpointSuggester.Create(V1, "baseline", apiKey: null);
        var request = new SuggestionRequest(Coffee) { Count = count };

        var result = await remote.SuggestAsync(request);

        var direct = KeywordBaselineSuggester.Suggest(request);
        Assert.Equal(SuggestionStatus.Success, result.Status);
        Assert.Equal(direct.Suggestions, result.Suggestions);
        Assert.True(result.PromptTokens > 100, $"prompt tokens {result.PromptTokens}: the system prompt is long");
        Assert.True(result.CompletionTokens > 0);
    }

    [Fact]
    public async Task ChatEndpointSuggester_round_trips_a_refusal_with_its_category()
    {
        var remote = ChatEndpointSuggester.Create(V1, "baseline", apiKey: null);

        var result = await remote.SuggestAsync(new SuggestionRequest(Unsafe));

        Assert.Equal(SuggestionStatus.Blocked, result.Status);
        Assert.Equal("Request contains inappropriate content", result.Message);
        Assert.Equal("illegal-drugs", result.Category);
    }

    [Fact]
    public async Task Stream_true_is_refused_with_a_clear_message()
    {
        var (status, body) = await _server.Client.PostAsync("/v1/chat/completions",
            ApiClient.Json(new { model = "x", stream = true, messages = new[] { new { role = "user", content = Coffee } } }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("streaming is not supported", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"model":"x"}""", HttpStatusCode.BadRequest, "'messages'")]
    [InlineData("""{"messages":[{"role":"system","content":"hi"}]}""", HttpStatusCode.BadRequest, "no user message")]
    [InlineData("""{"messages":[{"role":"user","content":"  "}]}""", HttpStatusCode.UnprocessableEntity, "empty")]
    [InlineData("""{"messages":[{"content":"coffee"}]}""", HttpStatusCode.BadRequest, "'role'")]
    [InlineData("not json", HttpStatusCode.BadRequest, "not valid JSON")]
    public async Task Invalid_chat_requests_get_openai_errors(string body, HttpStatusCode expected, string messagePart)
    {
        var (status, answer) = await _server.Client.PostAsync("/v1/chat/completions", body);

        Assert.Equal(expected, status);
        Assert.Contains(messagePart, answer.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_parts_are_read_as_text()
    {
        var (status, body) = await _server.Client.PostAsync("/v1/chat/completions", ApiClient.Json(new
        {
            messages = new object[] { new { role = "user", content = new[] { new { type = "text", text = Coffee } } } },
        }));

        Assert.Equal(HttpStatusCode.OK, status);
        var content = body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(10, JsonDocument.Parse(content).RootElement.GetProperty("domains").GetArrayLength());
    }

    [Fact]
    public async Task A_throwing_suggester_is_503_for_chat_too()
    {
        await using var server = await RunningServer.StartAsync(new ThrowingSuggester());

        var (status, body) = await server.Client.PostAsync("/v1/chat/completions",
            ApiClient.Json(new { messages = new[] { new { role = "user", content = Coffee } } }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("server_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain("hunter2", body.GetRawText(), StringComparison.Ordinal);
    }
}
