using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tailor.Domains.Model;

/// <summary>
/// Maps a name's score (mean log-probability per token) to a confidence in [0, 1]. Fitted by isotonic regression
/// (pool-adjacent-violators) on validation pairs (score, whether the evaluator found the name valid and relevant),
/// so the map is non-decreasing and its values are observed success rates; between fitted points it interpolates
/// linearly, outside them it holds the end values. Without a fit, exp(score), the geometric-mean token probability,
/// stands in: already in [0, 1] and increasing. Saved as <see cref="FileName"/> next to the model.
/// </summary>
public sealed class ConfidenceCalibration
{
    public const string FileName = "calibration.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private ConfidenceCalibration(double[] scores, double[] confidences)
    {
        Scores = scores;
        Confidences = confidences;
    }

    /// <summary>The uncalibrated map, exp(score).</summary>
    public static ConfidenceCalibration Default { get; } = new([], []);

    public bool IsFitted => Scores.Count > 0;

    /// <summary>Fitted scores, increasing.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>Confidence at each fitted score, non-decreasing.</summary>
    public IReadOnlyList<double> Confidences { get; }

    public double Map(double score)
    {
        if (double.IsNaN(score))
        {
            return 0;
        }
        if (!IsFitted)
        {
            return Math.Clamp(Math.Exp(Math.Min(score, 0)), 0, 1);
        }
        if (score <= Scores[0])
        {
            return Confidences[0];
        }
        if (score >= Scores[^1])
        {
            return Confidences[^1];
        }
        var upper = 1;
        while (Scores[upper] < score)
        {
            upper++;
        }
        var t = (score - Scores[upper - 1]) / (Scores[upper] - Scores[upper - 1]);
        return Confidences[upper - 1] + t * (Confidences[upper] - Confidences[upper - 1]);
    }

    /// <summary>Isotonic regression of <paramref name="good"/> on <paramref name="score"/>.</summary>
    /// <exception cref="ArgumentException">No pairs, or a score that is not a finite number.</exception>
    public static ConfidenceCalibration Fit(IEnumerable<(double Score, bool Good)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sorted = pairs.OrderBy(p => p.Score).ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("calibration needs at least one (score, good) pair", nameof(pairs));
        }
        if (sorted.Any(p => !double.IsFinite(p.Score)))
        {
            throw new ArgumentException("calibration scores must be finite numbers", nameof(pairs));
        }
        // Blocks of (sum of scores, sum of outcomes, count); a block whose mean outcome is not above the previous one's merges into it.
        var blocks = new List<(double ScoreSum, double GoodSum, int Count)>();
        foreach (var (score, good) in sorted)
        {
            blocks.Add((score, good ? 1 : 0, 1));
            while (blocks.Count > 1 && Mean(blocks[^2]) >= Mean(blocks[^1]))
            {
                var last = blocks[^1];
                var before = blocks[^2];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (before.ScoreSum + last.ScoreSum, before.GoodSum + last.GoodSum, before.Count + last.Count);
            }
        }
        return new ConfidenceCalibration(
            [.. blocks.Select(b => b.ScoreSum / b.Count)],
            [.. blocks.Select(Mean)]);

        static double Mean((double ScoreSum, double GoodSum, int Count) block) => block.GoodSum / block.Count;
    }

    /// <summary>The calibration saved in <paramref name="modelDir"/>, or <see cref="Default"/> when there is none.</summary>
    /// <exception cref="DomainDataException">The file exists but is malformed.</exception>
    public static ConfidenceCalibration Load(string modelDir)
    {
        var path = Path.Combine(modelDir, FileName);
        if (!File.Exists(path))
        {
            return Default;
        }
        try
        {
            var file = JsonSerializer.Deserialize<CalibrationFile>(File.ReadAllText(path))
                ?? throw new DomainDataException($"{path}: empty calibration file");
            var scores = file.Scores ?? [];
            var confidences = file.Confidences ?? [];
            if (scores.Length != confidences.Length
                || scores.Zip(scores.Skip(1)).Any(p => p.First >= p.Second)
                || confidences.Zip(confidences.Skip(1)).Any(p => p.First > p.Second)
                || confidences.Any(c => c is < 0 or > 1))
            {
                throw new DomainDataException($"{path}: scores must increase and confidences, in [0, 1], must not decrease");
            }
            return new ConfidenceCalibration(scores, confidences);
        }
        catch (JsonException e)
        {
            throw new DomainDataException($"{path}: {e.Message}", e);
        }
    }

    public void Save(string modelDir) =>
        File.WriteAllText(Path.Combine(modelDir, FileName), JsonSerializer.Serialize(
            new CalibrationFile { Method = "isotonic", Scores = [.. Scores], Confidences = [.. Confidences] }, Json));

    private sealed record CalibrationFile
    {
        [JsonPropertyName("method")]
        public string? Method { get; init; }

        [JsonPropertyName("scores")]
        public double[]? Scores { get; init; }

        [JsonPropertyName("confidences")]
        public double[]? Confidences { get; init; }
    }
}
