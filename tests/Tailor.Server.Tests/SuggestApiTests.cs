using System.Net;
using System.Text.Json;
using Tailor.Domains.Suggestions;

namespace Tailor.Server.Tests;

public sealed class SuggestApiTests : IAsyncLifetime
{
    private const string Coffee = "An organic coffee shop in downtown Portland with vegan pastries";
    private const string Unsafe = "An online shop that sells cocaine and heroin with discreet delivery";

    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Success_has_the_product_shape_and_the_baselines_names()
    {
        var (status, body) = await _server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = Coffee }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("message", out _));
        var suggestions = body.GetProperty("suggestions").EnumerateArray().ToList();
        var expected = KeywordBaselineSuggester.Suggest(new SuggestionRequest(Coffee)).Suggestions;
        Assert.Equal(10, suggestions.Count);
        Assert.Equal(expected.Select(s => s.Domain), suggestions.Select(s => s.GetProperty("domain").GetString()));
        Assert.Equal(expected.Select(s => s.Confidence), suggestions.Select(s => s.GetProperty("confidence").GetDouble()));
        Assert.All(suggestions, s => Assert.Equal(["domain", "confidence"], s.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Count_sets_how_many_names_come_back()
    {
        var (status, body) = await _server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = Coffee, count = 3 }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("suggestions").GetArrayLength());
    }

    [Fact]
    public async Task Unsafe_description_is_blocked_with_the_product_shape()
    {
        var (status, body) = await _server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = Unsafe }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("blocked", body.GetProperty("status").GetString());
        Assert.Equal("Request contains inappropriate content", body.GetProperty("message").GetString());
        Assert.Equal(0, body.GetProperty("suggestions").GetArrayLength());
    }

    [Fact]
    public async Task Options_reach_the_baseline_and_every_name_obeys_them()
    {
        var (status, body) = await _server.Client.PostAsync("/v1/suggest", ApiClient.Json(new
        {
            business_description = Coffee,
            count = 5,
            tlds = new[] { ".COM", "shop" },
            max_length = 10,
            include = new[] { "bean" },
            exclude = new[] { "get", "vegan" },
            style = "keyword",
            language = "en-US",
        }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("message", out _));
        var domains = body.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("domain").GetString()!).ToList();
        Assert.Equal(5, domains.Count);
        Assert.All(domains, d => Assert.Matches(@"^[a-z0-9-]{1,10}\.(com|shop)$", d));
        Assert.All(domains, d => Assert.DoesNotContain("get", d, StringComparison.Ordinal));
        Assert.All(domains, d => Assert.DoesNotContain("vegan", d, StringComparison.Ordinal));
        Assert.Equal("bean.com", domains[0]);
        // The baseline answered the request itself: nothing was filtered or re-ranked after it.
        var direct = KeywordBaselineSuggester.Suggest(new SuggestionRequest(Coffee)
        {
            Count = 5,
            Tlds = ["com", "shop"],
            MaxLength = 10,
            Include = ["bean"],
            Exclude = ["get", "vegan"],
            Style = NameStyle.Keyword,
            Language = "en-US",
        });
        Assert.Equal(direct.Suggestions.Select(s => s.Domain), domains);
    }

    [Fact]
    public async Task Short_style_keeps_labels_to_eight_characters()
    {
        var (status, body) = await _server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = Coffee, style = "short" }));

        Assert.Equal(HttpStatusCode.OK, status);
        var domains = body.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("domain").GetString()!).ToList();
        Assert.Equal(10, domains.Count);
        Assert.All(domains, d => Assert.InRange(d.IndexOf('.', StringComparison.Ordinal), 1, 8));
    }

    [Fact]
    public async Task A_suggester_ignoring_the_options_has_its_breaking_names_dropped_with_a_note()
    {
        await using var server = await RunningServer.StartAsync(new FixedSuggester("beanery.com", "bean.io", "getbeans.com", "coffeebeanhouse.com", "roast.com"));

        var (status, body) = await server.Client.PostAsync("/v1/suggest", ApiClient.Json(new
        {
            business_description = Coffee,
            count = 3,
            tlds = new[] { "com" },
            max_length = 10,
            exclude = new[] { "get" },
        }));
        var (_, plain) = await server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = Coffee, count = 3 }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["beanery.com", "roast.com"], body.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("domain").GetString()));
        Assert.Equal("only 2 of the 3 names asked for met the request's options.", body.GetProperty("message").GetString());
        // A compliant answer passes unchanged: names, order and confidences.
        Assert.Equal(["beanery.com", "bean.io", "getbeans.com"], plain.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("domain").GetString()));
        Assert.Equal(5.0 / 6, plain.GetProperty("suggestions")[0].GetProperty("confidence").GetDouble(), 9);
    }

    public static TheoryData<string, string, HttpStatusCode, string> Invalid() => new()
    {
        { "empty description", """{"business_description":""}""", HttpStatusCode.UnprocessableEntity, "empty" },
        { "white space", """{"business_description":"   \n\t "}""", HttpStatusCode.UnprocessableEntity, "empty" },
        { "missing description", """{"count":3}""", HttpStatusCode.UnprocessableEntity, "required" },
        { "2,001 characters", ApiClient.Json(new { business_description = new string('a', 2001) }), HttpStatusCode.UnprocessableEntity, "2001 characters" },
        { "not JSON", "business_description=coffee", HttpStatusCode.BadRequest, "not valid JSON" },
        { "truncated JSON", """{"business_description":"coffee""", HttpStatusCode.BadRequest, "not valid JSON" },
        { "empty body", "", HttpStatusCode.BadRequest, "empty" },
        { "array body", """["coffee"]""", HttpStatusCode.BadRequest, "JSON object" },
        { "description a number", """{"business_description":42}""", HttpStatusCode.BadRequest, "must be a string" },
        { "count a string", """{"business_description":"coffee","count":"10"}""", HttpStatusCode.BadRequest, "must be an integer" },
        { "count a fraction", """{"business_description":"coffee","count":2.5}""", HttpStatusCode.BadRequest, "must be an integer" },
        { "count 0", """{"business_description":"coffee","count":0}""", HttpStatusCode.UnprocessableEntity, "between 1 and 20" },
        { "count 21", """{"business_description":"coffee","count":21}""", HttpStatusCode.UnprocessableEntity, "between 1 and 20" },
        { "tlds a string", """{"business_description":"coffee","tlds":"com"}""", HttpStatusCode.BadRequest, "array of strings" },
        { "tld malformed", """{"business_description":"coffee","tlds":["c m"]}""", HttpStatusCode.UnprocessableEntity, "top-level domain" },
        { "style unknown", """{"business_description":"coffee","style":"fancy"}""", HttpStatusCode.UnprocessableEntity, "'brandable', 'keyword' or 'short'" },
        { "unknown field", """{"business_description":"coffee","colour":"blue"}""", HttpStatusCode.BadRequest, "unknown field 'colour'" },
        { "max_length a string", """{"business_description":"coffee","max_length":"8"}""", HttpStatusCode.BadRequest, "'max_length' must be an integer" },
        { "max_length a fraction", """{"business_description":"coffee","max_length":7.5}""", HttpStatusCode.BadRequest, "'max_length' must be an integer" },
        { "max_length 0", """{"business_description":"coffee","max_length":0}""", HttpStatusCode.UnprocessableEntity, "between 1 and 63" },
        { "max_length 64", """{"business_description":"coffee","max_length":64}""", HttpStatusCode.UnprocessableEntity, "between 1 and 63" },
        { "tld not registrable", """{"business_description":"coffee","tlds":["zz"]}""", HttpStatusCode.UnprocessableEntity, "no name can be registered" },
        { "language malformed", """{"business_description":"coffee","language":"english please"}""", HttpStatusCode.UnprocessableEntity, "language tag" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_requests_get_4xx_with_the_error_shape(string why, string body, HttpStatusCode expected, string messagePart)
    {
        var (status, answer) = await _server.Client.PostAsync("/v1/suggest", body);

        Assert.True(expected == status, $"{why}: {status}");
        AssertError(answer, messagePart);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var (status, answer) = await _server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = Coffee }), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        AssertError(answer, "application/json");
    }

    [Fact]
    public async Task Huge_body_is_413()
    {
        var huge = ApiClient.Json(new { business_description = new string('a', 1_000_000) });

        var (status, answer) = await _server.Client.PostAsync("/v1/suggest", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        AssertError(answer, "larger than 65536 bytes");
    }

    [Fact]
    public async Task Huge_chunked_body_is_413_too()
    {
        // No Content-Length: the limit must hold while reading.
        var huge = System.Text.Encoding.UTF8.GetBytes(ApiClient.Json(new { business_description = new string('a', 200_000) }));
        using var content = new StreamContent(new NonSeekableStream(huge));
        content.Headers.ContentType = new("application/json");
        Assert.Null(content.Headers.ContentLength);
        using var response = await _server.Client.PostAsync(new Uri("/v1/suggest", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_throwing_suggester_is_503_without_details()
    {
        await using var server = await RunningServer.StartAsync(new ThrowingSuggester());

        var (status, answer) = await server.Client.PostAsync("/v1/suggest", ApiClient.Json(new { business_description = Coffee }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        AssertError(answer, "unavailable");
        Assert.DoesNotContain("hunter2", answer.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("SecretPlace", answer.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_json_errors()
    {
        using var missing = await _server.Client.GetAsync(new Uri("/v1/nothing", UriKind.Relative));
        using var wrongMethod = await _server.Client.GetAsync(new Uri("/v1/suggest", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        using var document = JsonDocument.Parse(await wrongMethod.Content.ReadAsStringAsync());
        AssertError(document.RootElement, "method");
    }

    private static void AssertError(JsonElement answer, string messagePart)
    {
        Assert.Equal("error", answer.GetProperty("status").GetString());
        var message = answer.GetProperty("message").GetString()!;
        Assert.Contains(messagePart, message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    /// <summary>A stream HttpClient cannot measure, so it sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
