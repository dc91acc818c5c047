using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tailor.Sentiment.Ensemble;

/// <summary>
/// <c>sentiment.json</c>, the manifest of a shipped sentiment model folder: which member models it holds (paths
/// relative to the folder), in which order their margins enter the blend, and the blend itself.
/// </summary>
public sealed record EnsembleManifest
{
    public const string FileName = "sentiment.json";

    public string Name { get; init; } = "";
    /// <summary>A DistilBERT classifier folder.</summary>
    public string Encoder { get; init; } = "encoder";
    /// <summary>An NB-weighted word n-gram model file.</summary>
    public string Ngram { get; init; } = "ngram.bin";
    /// <summary>An NB-weighted character n-gram model file; null when the blend has none.</summary>
    public string? CharNgram { get; init; }
    /// <summary>The encoder's token window (head + tail truncation).</summary>
    public int MaxLength { get; init; } = 256;
    /// <summary>Blend weights, in the order encoder, then <see cref="NgramFiles"/>.</summary>
    public MarginBlend Blend { get; init; } = new(0, [1, 1]);

    /// <summary>The n-gram model files in blend order: the word model, then the character model if there is one.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> NgramFiles => CharNgram is null ? [Ngram] : [Ngram, CharNgram];

    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Save(string modelDir) => File.WriteAllText(Path.Combine(modelDir, FileName), JsonSerializer.Serialize(this, Options));

    public static EnsembleManifest Load(string modelDir)
    {
        var path = Path.Combine(modelDir, FileName);
        try
        {
            var manifest = JsonSerializer.Deserialize<EnsembleManifest>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: empty manifest");
            // A left-out or null 'blend' or 'weights' deserializes to null, not to the defaults.
            int members = 1 + manifest.NgramFiles.Count;
            if (manifest.Blend?.Weights?.Count != members)
                throw new InvalidDataException($"{path}: 'blend.weights' must hold {members} numbers (encoder, {string.Join(", ", manifest.NgramFiles)})");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid sentiment manifest: {e.Message}", e);
        }
    }
}
