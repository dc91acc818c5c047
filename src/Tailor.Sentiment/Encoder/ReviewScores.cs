using System.Text.Json;

namespace Tailor.Sentiment.Encoder;

/// <summary>
/// A model's log-odds margins (positive minus negative) for a labelled set of reviews, in row order: what the
/// reports and the ensemble are computed from, kept on disk so that neither re-runs a model.
/// </summary>
public sealed record ReviewScores(string Split, int[] Labels, float[] Margins, double Seconds)
{
    static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public double Accuracy => Labels.Zip(Margins).Count(p => (p.Second > 0 ? 1 : 0) == p.First) / (double)Math.Max(1, Labels.Length);

    public IReadOnlyList<int> Predicted => [.. Margins.Select(m => m > 0 ? 1 : 0)];

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options));

    public static ReviewScores Load(string path) =>
        JsonSerializer.Deserialize<ReviewScores>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: empty scores file");
}
