using System.Text.Json.Serialization;

namespace Tailor.Domains.Guard;

/// <summary>
/// How a text becomes a sparse feature vector: word unigrams and bigrams and character n-grams of its
/// <see cref="SafetyTextNormalizer">normalized</see> form, hashed (32-bit FNV-1a over UTF-16 code units) into
/// <see cref="Buckets"/> slots with a sign from the hash, so colliding features tend to cancel rather than add up.
/// Saved with the model: a model only understands vectors made with its own settings.
/// </summary>
public sealed record FeatureHashing
{
    public const string HashName = "fnv1a32-signed";

    /// <summary>The number of hash slots; a power of two.</summary>
    [JsonPropertyName("buckets")]
    public int Buckets { get; init; } = 1 << 16;

    /// <summary>Word n-grams from 1 to this length.</summary>
    [JsonPropertyName("max_word_ngram")]
    public int MaxWordNGram { get; init; } = 2;

    [JsonPropertyName("min_char_ngram")]
    public int MinCharNGram { get; init; } = 3;

    [JsonPropertyName("max_char_ngram")]
    public int MaxCharNGram { get; init; } = 5;

    /// <summary>
    /// Whether character n-grams are taken within each word (padded with a space either side) rather than across the
    /// whole text: within words they describe the words themselves, so a key term counts the same in any sentence.
    /// </summary>
    [JsonPropertyName("char_ngrams_within_words")]
    public bool CharNGramsWithinWords { get; init; } = true;

    [JsonPropertyName("hash")]
    public string Hash { get; init; } = HashName;

    /// <summary>Throws when the settings cannot describe a feature space.</summary>
    public void Validate()
    {
        if (Buckets < 2 || (Buckets & (Buckets - 1)) != 0)
        {
            throw new ArgumentException($"Buckets must be a power of two, not {Buckets}.");
        }
        if (MaxWordNGram < 1 || MinCharNGram < 1 || MaxCharNGram < MinCharNGram)
        {
            throw new ArgumentException($"Bad n-gram lengths: words 1-{MaxWordNGram}, characters {MinCharNGram}-{MaxCharNGram}.");
        }
        if (Hash != HashName)
        {
            throw new ArgumentException($"Unknown feature hash \"{Hash}\" (this build knows {HashName}).");
        }
    }
}
