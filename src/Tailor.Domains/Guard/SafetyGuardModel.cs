using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tailor.Domains.Guard;

/// <summary>
/// The shipped guard: a <see cref="SafetyClassifier"/> with class "safe" and the eight safety categories, and the
/// score threshold (1 - P(safe)) chosen on validation data. Saved as one JSON file: format name and version, the
/// feature-hashing settings, the classes, threshold, training seed, biases, and the weights as base64 little-endian
/// float32 (slot-major), so the same model always writes the same bytes.
/// </summary>
public sealed class SafetyGuardModel
{
    public const string FormatName = "tailor-safety-guard";
    public const int FormatVersion = 1;
    public const string SafeClass = "safe";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public SafetyGuardModel(SafetyClassifier classifier, double threshold, int seed)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (!classifier.Classes.Contains(SafeClass))
        {
            throw new ArgumentException($"The classifier has no \"{SafeClass}\" class.", nameof(classifier));
        }
        if (!double.IsFinite(threshold) || threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Expected a score threshold in [0, 1].");
        }
        Classifier = classifier;
        Threshold = threshold;
        Seed = seed;
    }

    public SafetyClassifier Classifier { get; }

    /// <summary>Descriptions scoring at or above this are blocked.</summary>
    public double Threshold { get; }

    /// <summary>The seed training used (for the record).</summary>
    public int Seed { get; }

    /// <summary>How unsafe <paramref name="description"/> looks, 1 - P(safe), and the likeliest unsafe category.</summary>
    public (double Score, string Category) Score(string description)
    {
        var probabilities = Classifier.Probabilities(description);
        var safe = Classifier.Classes.ToList().IndexOf(SafeClass);
        var best = -1;
        for (var c = 0; c < probabilities.Length; c++)
        {
            if (c != safe && (best < 0 || probabilities[c] > probabilities[best]))
            {
                best = c;
            }
        }
        return (1 - probabilities[safe], Classifier.Classes[best]);
    }

    /// <summary>Writes the model to <paramref name="path"/> (folders created as needed).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(path, ToJson());
    }

    public string ToJson()
    {
        var weights = Classifier.Weights;
        var bytes = new byte[weights.Length * sizeof(float)];
        for (var i = 0; i < weights.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), weights[i]);
        }
        var file = new ModelFile(FormatName, FormatVersion, Classifier.Hashing, [.. Classifier.Classes], Threshold, Seed,
            Classifier.Biases, Convert.ToBase64String(bytes));
        return JsonSerializer.Serialize(file, JsonOptions) + "\n";
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a guard model of this version.</exception>
    public static SafetyGuardModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromJson(File.ReadAllText(path));
    }

    public static SafetyGuardModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<ModelFile>(json, JsonOptions)
            ?? throw new InvalidDataException("The guard model file is empty.");
        if (file.Format != FormatName || file.Version != FormatVersion)
        {
            throw new InvalidDataException(
                $"Expected a {FormatName} model of version {FormatVersion}, found \"{file.Format}\" version {file.Version}.");
        }
        var bytes = Convert.FromBase64String(file.Weights);
        var weights = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }
        try
        {
            return new SafetyGuardModel(new SafetyClassifier(file.Hashing, file.Classes, weights, file.Biases), file.Threshold, file.Seed);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("The guard model file is inconsistent: " + e.Message, e);
        }
    }

    private sealed record ModelFile(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("hashing")] FeatureHashing Hashing,
        [property: JsonPropertyName("classes")] string[] Classes,
        [property: JsonPropertyName("threshold")] double Threshold,
        [property: JsonPropertyName("seed")] int Seed,
        [property: JsonPropertyName("biases")] float[] Biases,
        [property: JsonPropertyName("weights")] string Weights);
}
