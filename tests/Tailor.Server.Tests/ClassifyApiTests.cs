using System.Net;
using System.Text.Json;
using Tailor.Sentiment;
using Tailor.Sentiment.Serving;

namespace Tailor.Server.Tests;

/// <summary>POST /v1/classify against a tiny random DistilBERT written here: the answers are the model's own, and every bad request is a 4xx.</summary>
[Collection(TorchModelTests.Name)]
public sealed class ClassifyApiTests : IAsyncLifetime, IDisposable
{
    private const string Route = "/v1/classify";
    private readonly TempDirectory _folder = new();
    private RunningServer _server = null!;
    private string _modelDir = null!;

    public async Task InitializeAsync()
    {
        _modelDir = TinySentimentModel.Write(_folder.File("model"));
        _server = await RunningServer.StartAsync(options: new ServerOptions { SentimentModelDir = _modelDir, MaxClassifyTexts = 4 });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    /// <summary>What the model itself says about <paramref name="reviews"/>, as the API should report it.</summary>
    private IReadOnlyList<SentimentAnswer> Direct(params string[] reviews)
    {
        using var classifier = SentimentModels.Load(_modelDir);
        return [.. classifier.Classify(reviews).Select(SentimentAnswer.From)];
    }

    private static List<SentimentAnswer> Results(JsonElement body) =>
        [.. body.GetProperty("results").EnumerateArray().Select(r => new SentimentAnswer(r.GetProperty("label").GetString()!, r.GetProperty("probability").GetDouble()))];

    [Fact]
    public async Task One_text_gets_the_models_label_and_probability()
    {
        var (status, body) = await _server.Client.PostAsync(Route, ApiClient.Json(new { text = TinySentimentModel.Sentences[0] }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal("distilbert-2x32", body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("message", out _));
        var result = Assert.Single(Results(body));
        Assert.Equal(Direct(TinySentimentModel.Sentences[0])[0], result);
        Assert.InRange(result.Probability, 0.5, 1.0);
        Assert.Equal(["label", "probability"], body.GetProperty("results")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Several_texts_come_back_in_order_and_control_characters_are_cleaned()
    {
        string[] reviews = [TinySentimentModel.Sentences[1], TinySentimentModel.Sentences[2], "loved\0the\u001bmusic"];

        var (status, body) = await _server.Client.PostAsync(Route, ApiClient.Json(new { texts = reviews }));

        Assert.Equal(HttpStatusCode.OK, status);
        var expected = Direct(reviews[0], reviews[1], "loved the music");
        Assert.Equal(expected, Results(body));
        // The random model still tells these reviews apart: the order of the answers is tested, not three equal ones.
        Assert.True(expected.Select(a => a.Probability).Distinct().Count() > 1, string.Join(", ", expected));
    }

    [Theory]
    [InlineData("""{"text":""}""", 422, "'text': empty review.")]
    [InlineData("""{"text":"  \u0000 \n "}""", 422, "'text': empty review.")]
    [InlineData("""{"texts":["fine", " "]}""", 422, "'texts[1]': empty review.")]
    [InlineData("""{"texts":[]}""", 422, "'texts' is empty; send at least one review.")]
    [InlineData("""{"texts":["a","b","c","d","e"]}""", 422, "'texts' has 5 reviews; at most 4 are accepted per request.")]
    [InlineData("""{"text":42}""", 400, "'text' must be a string, not number.")]
    [InlineData("""{"texts":"one review"}""", 400, "'texts' must be an array of strings, not string.")]
    [InlineData("""{"texts":["ok", null]}""", 400, "'texts[1]' must be a string, not null.")]
    [InlineData("""{"text":"a","texts":["b"]}""", 400, "send either \"text\": \"review\" or \"texts\": [\"review\", ...], not both.")]
    [InlineData("""{}""", 400, "send either \"text\": \"review\" or \"texts\": [\"review\", ...], not neither.")]
    [InlineData("""{"review":"a"}""", 400, "unknown field 'review'; accepted fields: text or texts.")]
    [InlineData("""["a"]""", 400, "the body must be a JSON object.")]
    public async Task Bad_requests_are_4xx_with_a_message(string json, int expectedStatus, string message)
    {
        var (status, body) = await _server.Client.PostAsync(Route, json);

        Assert.Equal(expectedStatus, (int)status);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal(message, body.GetProperty("message").GetString());
        Assert.Equal(0, body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Not_json_is_400_and_a_wrong_content_type_is_415()
    {
        var (status, body) = await _server.Client.PostAsync(Route, "{\"text\": \"unfinished");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("the body is not valid JSON", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (plainStatus, plainBody) = await _server.Client.PostAsync(Route, "a fine film", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainStatus);
        Assert.Equal("error", plainBody.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_review_over_the_limit_is_413_and_one_at_the_limit_is_classified()
    {
        var atLimit = new string('a', ReviewInput.MaxCharacters - 6) + " great";
        var (okStatus, okBody) = await _server.Client.PostAsync(Route, ApiClient.Json(new { text = atLimit }));
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Single(Results(okBody));

        var (status, body) = await _server.Client.PostAsync(Route, ApiClient.Json(new { text = atLimit + "!" }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("'text': the review has 100,001 characters; at most 100,000 are accepted.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        var texts = Enumerable.Repeat(new string('b', 90_000), 4).ToArray();
        await using var small = await RunningServer.StartAsync(options: new ServerOptions
        {
            SentimentModelDir = _modelDir,
            MaxClassifyBodyBytes = 200_000,
        });

        var (status, body) = await small.Client.PostAsync(Route, ApiClient.Json(new { texts }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("the body is larger than 200000 bytes.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Healthz_names_the_sentiment_model()
    {
        using var response = await _server.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("distilbert-2x32", body.RootElement.GetProperty("sentiment_model").GetString());
    }
}
