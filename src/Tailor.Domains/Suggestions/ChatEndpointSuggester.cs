using System.Globalization;
using Microsoft.Extensions.AI;
using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// Any OpenAI-compatible chat endpoint as a suggester: asks with <see cref="ChatSuggesterPrompt"/>, reads the answer
/// with <see cref="ChatAnswerReader"/> (confidence from rank, <see cref="RankConfidence"/>), keeps the raw text and the
/// token usage. Transport failures the client's retries could not cure are thrown for the evaluator to record. The
/// request's options go into the prompt; the hard ones (<see cref="NameConstraints"/>: suffixes, length, excluded
/// words, and validity for every request) are then enforced on the answer. When names were dropped for breaking an
/// option and too few are left, the endpoint is asked once more (with its answer and what was wrong with it) and the
/// new names that keep the rules fill the list; the raw text stays the first answer's, the token counts are the sum.
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

    /// <exception cref="ArgumentException">The description is blank or a requested suffix is not one names can be registered under.</exception>
    public async Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1, nameof(request));
        var constraints = NameConstraints.For(request);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, ChatSuggesterPrompt.System(request)),
            new(ChatRole.User, ChatSuggesterPrompt.User(request.Description)),
        ];
        var options = new ChatOptions { Temperature = _temperature };
        var response = await _chat.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var text = response.Text;
        var (promptTokens, completionTokens) = (response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
        // Read every name, not just the first count: some may break the options and be dropped below.
        var answer = ChatAnswerReader.Read(text, int.MaxValue);
        SuggestionResult result;
        if (answer.Blocked)
        {
            result = SuggestionResult.Blocked(string.IsNullOrWhiteSpace(answer.Reason) ? RefusalMessage : answer.Reason, answer.Category);
        }
        else
        {
            var kept = answer.Domains.Where(constraints.Allows).Take(request.Count).ToList();
            var broken = answer.Domains.Where(d => !constraints.Allows(d)).ToList();
            if (kept.Count < request.Count && constraints.Restricts && broken.Count > 0)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, text));
                messages.Add(new ChatMessage(ChatRole.User, Correction(broken, constraints, request.Count - kept.Count)));
                var again = await _chat.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
                promptTokens += again.Usage?.InputTokenCount ?? 0;
                completionTokens += again.Usage?.OutputTokenCount ?? 0;
                var more = ChatAnswerReader.Read(again.Text, int.MaxValue);
                if (!more.Blocked)
                {
                    kept = kept.Concat(more.Domains.Where(constraints.Allows)).Distinct(StringComparer.Ordinal).Take(request.Count).ToList();
                }
            }
            result = SuggestionResult.Success(RankConfidence.Rank(kept));
        }
        return result with
        {
            RawText = text,
            PromptTokens = ClampToInt(promptTokens),
            CompletionTokens = ClampToInt(completionTokens),
        };
    }

    /// <summary>The follow-up message: which names broke which rule, and how many more are wanted.</summary>
    private static string Correction(IReadOnlyList<string> broken, NameConstraints constraints, int missing) =>
        string.Create(CultureInfo.InvariantCulture,
            $"These names break the rules: {string.Join("; ", broken.Take(20).Select(d => $"{d} ({constraints.Problem(d)})"))}. ")
        + string.Create(CultureInfo.InvariantCulture,
            $"Answer with {missing} more distinct names that follow every rule, in the same JSON format.");

    private static int ClampToInt(long tokens) => (int)Math.Clamp(tokens, 0, int.MaxValue);
}
