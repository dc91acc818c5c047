using Microsoft.Extensions.AI;
using Tailor.Evaluation.Metrics;

namespace Tailor.Evaluation.Tests.Metrics;

public class TfIdfEmbedderTests
{
    [Fact]
    public async Task Identical_texts_have_cosine_one_and_unrelated_ones_about_zero()
    {
        using var embedder = TfIdfEmbedder.Uniform();
        var cosines = await EmbeddingCosine.ScoreAsync(
            embedder, "fresh sourdough bread bakery", ["fresh sourdough bread bakery", "quantum physics lectures", "bread bakery"]);
        Assert.Equal(1, cosines[0], 5);
        Assert.InRange(cosines[1], 0, 0.05);
        Assert.InRange(cosines[2], 0.5, 0.95);
    }

    [Fact]
    public async Task Trigrams_give_related_word_forms_partial_similarity()
    {
        using var embedder = TfIdfEmbedder.Uniform();
        var cosines = await EmbeddingCosine.ScoreAsync(embedder, "bakery", ["baker", "garage"]);
        Assert.True(cosines[0] > 0.3, cosines[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(cosines[0] > cosines[1] + 0.3);
    }

    [Fact]
    public async Task Fitted_idf_lowers_the_weight_of_common_words()
    {
        var corpus = new[] { "bakery in lyon", "garage in paris", "florist in lyon", "lawyer in berlin" };
        using var fitted = TfIdfEmbedder.Fit(corpus);
        using var uniform = TfIdfEmbedder.Uniform();
        // "in" is in every document: matching on it alone counts for less once IDF is fitted.
        var withIdf = (await EmbeddingCosine.ScoreAsync(fitted, "bakery in lyon", ["garage in paris"]))[0];
        var withoutIdf = (await EmbeddingCosine.ScoreAsync(uniform, "bakery in lyon", ["garage in paris"]))[0];
        Assert.True(withIdf < withoutIdf, $"{withIdf} vs {withoutIdf}");
    }

    [Fact]
    public async Task Is_deterministic_and_an_embedding_generator()
    {
        IEmbeddingGenerator<string, Embedding<float>> embedder = TfIdfEmbedder.Uniform(256);
        var first = await embedder.GenerateAsync(["getfreshbread", ""]);
        var second = await embedder.GenerateAsync(["getfreshbread"]);
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
        Assert.Equal(256, first[0].Vector.Length);
        Assert.All(first[1].Vector.ToArray(), v => Assert.Equal(0, v));
        Assert.Equal(256, embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        embedder.Dispose();
    }

    [Fact]
    public void Cosine_of_a_zero_vector_is_zero()
    {
        Assert.Equal(0, EmbeddingCosine.Cosine([0f, 0f], [1f, 0f]));
        Assert.Equal(-1, EmbeddingCosine.Cosine([1f, 0f], [-2f, 0f]), 9);
    }

    [Fact]
    public void OpenAi_factory_builds_a_generator_without_calling_out()
    {
        using var embedder = EmbedderFactory.OpenAi(new Uri("http://127.0.0.1:9/v1"), "text-embedding-3-small", null);
        Assert.NotNull(embedder);
    }
}
