using System.Globalization;
using System.Text.Json;
using Tailor.Domains;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// People's overall scores of cases, to validate a judge against: a JSONL file of
/// <c>{"case_id": "...", "overall": 1-5}</c> lines (other fields ignored, blank lines skipped).
/// </summary>
public static class HumanLabels
{
    /// <summary>The labels by case id.</summary>
    /// <exception cref="DomainDataException">The file is missing, or a line is bad or repeats a case ("file:line: why").</exception>
    public static IReadOnlyDictionary<string, int> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DomainDataException($"{path}: no such file.");
        }
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var (caseId, overall) = ReadLine(line) is { } label
                ? label
                : throw new DomainDataException(
                    string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: expected {{\"case_id\": \"...\", \"overall\": 1-5}}."));
            if (!labels.TryAdd(caseId, overall))
            {
                throw new DomainDataException(
                    string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: case \"{caseId}\" is labelled twice."));
            }
        }
        return labels;
    }

    private static (string CaseId, int Overall)? ReadLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("case_id", out var id) && id.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(id.GetString())
                && root.TryGetProperty("overall", out var overall) && overall.ValueKind == JsonValueKind.Number
                && overall.TryGetInt32(out var score) && score is >= JudgeScore.MinScore and <= JudgeScore.MaxScore)
            {
                return (id.GetString()!, score);
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
