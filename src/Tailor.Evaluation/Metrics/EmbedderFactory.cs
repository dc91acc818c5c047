using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Tailor.Evaluation.Metrics;

/// <summary>Embedders for the embedding_cosine metric.</summary>
public static class EmbedderFactory
{
    /// <summary>
    /// An embedder for <paramref name="model"/> at any OpenAI-compatible endpoint (<paramref name="baseUrl"/> usually
    /// ends in "/v1"); local servers that ignore the key may get a null <paramref name="apiKey"/>.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> OpenAi(Uri baseUrl, string model, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        // The SDK insists on a credential even where the server ignores it.
        var client = new OpenAIClient(new ApiKeyCredential(apiKey ?? "unused"), new OpenAIClientOptions { Endpoint = baseUrl });
        return client.GetEmbeddingClient(model).AsIEmbeddingGenerator();
    }
}
