using System.Globalization;
using Microsoft.Extensions.AI;
using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// Any OpenAI-compatible chat endpoint as a suggester: asks with <see cref="ChatSuggesterPrompt"/>, reads the answer
/// with <see cref="ChatAnswerReader"/> (confidence from rank, <see cref="RankConfidence"/>), keeps the raw text and the
/// token usage. Transport failures the client's retries could not cure are thrown for the evaluator to record.
/// </summary>
public sealed class ChatEndpointSuggester : IDomainSuggester
{
    /// <summary>The message of a refusal that gave no reason: the same words as the baseline's.</summary>
    public const string RefusalMessage = KeywordBaselineSuggester.RefusalMessage;

    private readonly IChatClient _chat;
    private readonly float _temperature;

    /// <param name="chat">The client (<see cref="Create"/> builds a retrying one for a URL).</param>
    /// <param name="model">The model name, for <see cref="Name"/>.</param>
    /// <param name="endpoint">Where the client talks to, shown in <see cref="Settings"/>; null when unknown.</param>
    public ChatEndpointSuggester(IChatClient chat, string model, Uri? endpoint = null, float temperature = 0)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _chat = chat;
        _temperature = temperature;
        Name = "openai:" + model;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = model,
            ["prompt"] = ChatSuggesterPrompt.Version,
            ["temperature"] = temperature.ToString(CultureInfo.InvariantCulture),
        };
        if (endpoint is not null)
        {
            settings["endpoint"] = endpoint.ToString();
        }
        Settings = settings;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A suggester for <paramref name="model"/> at <paramref name="baseUrl"/> through <see cref="TeacherClientFactory"/> (429 and 5xx retried).</summary>
    public static ChatEndpointSuggester Create(
        Uri baseUrl, string model, string? apiKey, TeacherRetryPolicy? retry = null, TimeSpan? timeout = null, float temperature = 0) =>
        new(TeacherClientFactory.Create(baseUrl, model, apiKey, retry ?? TeacherRetryPolicy.Default, timeout ?? TimeSpan.FromSeconds(120)),
            model, baseUrl, temperature);

    public async Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1, nameof(request));
        ChatMessage[] messages =
        [
            new(ChatRole.System, ChatSuggesterPrompt.System(request.Count)),
            new(ChatRole.User, ChatSuggesterPrompt.User(request.Description)),
        ];
        var response = await _chat.GetResponseAsync(messages, new ChatOptions { Temperature = _temperature }, cancellationToken)
            .ConfigureAwait(false);
        var text = response.Text;
        var answer = ChatAnswerReader.Read(text, request.Count);
        var result = answer.Blocked
            ? SuggestionResult.Blocked(string.IsNullOrWhiteSpace(answer.Reason) ? RefusalMessage : answer.Reason, answer.Category)
            : SuggestionResult.Success(RankConfidence.Rank(answer.Domains));
        return result with
        {
            RawText = text,
            PromptTokens = ClampToInt(response.Usage?.InputTokenCount),
            CompletionTokens = ClampToInt(response.Usage?.OutputTokenCount),
        };
    }

    private static int ClampToInt(long? tokens) => (int)Math.Clamp(tokens ?? 0, 0, int.MaxValue);
}
