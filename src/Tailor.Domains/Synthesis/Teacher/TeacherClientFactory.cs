using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>Builds the chat client a teacher job talks to: any OpenAI-compatible endpoint, retried by our own policy.</summary>
public static class TeacherClientFactory
{
    /// <summary>
    /// A chat client for <paramref name="model"/> at <paramref name="baseUrl"/> (usually ending in "/v1"), wrapped in a
    /// <see cref="RetryingChatClient"/>. The SDK's own retries are off so that one policy decides, and counts, them all.
    /// </summary>
    /// <param name="apiKey">The bearer key; local servers that ignore it may get null.</param>
    /// <param name="timeout">How long one request may take before it counts as a (retried) timeout.</param>
    public static IChatClient Create(Uri baseUrl, string model, string? apiKey, TeacherRetryPolicy retry, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(retry);
        var options = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = timeout,
        };
        // Local servers need no key, but the SDK insists on a credential.
        var openAi = new OpenAIClient(new ApiKeyCredential(apiKey ?? "unused"), options);
        return new RetryingChatClient(openAi.GetChatClient(model).AsIChatClient(), retry);
    }
}
